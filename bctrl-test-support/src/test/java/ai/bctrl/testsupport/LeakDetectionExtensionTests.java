package ai.bctrl.testsupport;

import java.util.List;
import java.util.UUID;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that {@link LeakDetectionExtension} would catch a leak: the self-test leaks a
 * real buffer, sees it reported, and takes its own report back so the build stays green.
 */
class LeakDetectionExtensionTests {

	@Test
	void factoryIsInstalledForByteBufs() {
		assertThat(ResourceLeakDetectorFactory.instance()).isSameAs(LeakDetectionExtension.FACTORY);
		LeakDetectionExtension.FACTORY.assertTracksByteBufs();
	}

	@Test
	void recordsLeakedByteBuf() {
		String hint = LeakDetectionExtension.DELIBERATE_LEAK + " " + UUID.randomUUID();
		leak(hint);
		List<String> reports = List.of();
		for (int i = 0; i < 10 && reports.isEmpty(); i++) {
			LeakDetectionExtension.FACTORY.flush();
			reports = LeakDetectionExtension.FACTORY.drain((report) -> report.contains(hint));
		}
		assertThat(reports).singleElement().asString().startsWith("LEAK: ByteBuf").contains(hint);
	}

	private static void leak(String hint) {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.buffer(16);
		buffer.writeInt(42);
		buffer.touch(hint);
	}

}
