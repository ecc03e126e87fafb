package ai.bctrl.benchmarks;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's leak count would see a leak: a buffer dropped without release is counted
 * (and Netty logs its {@code LEAK:} report, the one in this module's build output).
 */
class LeakCounterTests {

	private final ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();

	@AfterEach
	void restoreLevel() {
		ResourceLeakDetector.setLevel(this.level);
	}

	@Test
	void countsABufferDroppedWithoutRelease() {
		LeakCounter leaks = LeakCounter.attach();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		leak();
		for (int i = 0; i < 10 && leaks.reports() == 0; i++) {
			leaks.flush();
		}
		assertThat(leaks.reports()).isOne();
		assertThat(leaks.first()).startsWith("ByteBuf").contains("deliberate leak by LeakCounterTests");
	}

	@Test
	void countsNothingWhenEveryBufferIsReleased() {
		LeakCounter leaks = LeakCounter.attach();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		ByteBufAllocator.DEFAULT.buffer(16).writeInt(42).release();
		leaks.flush();
		assertThat(leaks.reports()).isZero();
	}

	private static void leak() {
		ByteBufAllocator.DEFAULT.buffer(16).writeInt(42).touch("deliberate leak by LeakCounterTests");
	}

}
