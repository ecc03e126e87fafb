package ai.bctrl.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class when Netty reports a leaked buffer. Registered for every test class
 * through {@code META-INF/services} (see {@code junit-platform.properties}), so its
 * detector factory is installed before Netty creates its first buffer; the leak detection
 * level itself comes from the surefire {@code argLine} ({@code paranoid}).
 */
public class LeakDetectionExtension implements AfterAllCallback {

	private static final List<String> leaks = new CopyOnWriteArrayList<>();

	static {
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {

			@Override
			public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
					long maxActive) {
				return new ResourceLeakDetector<>(resource, samplingInterval) {

					@Override
					protected boolean needReport() {
						return true;
					}

					@Override
					protected void reportTracedLeak(String resourceType, String records) {
						leaks.add(resourceType + " leaked:" + records);
					}

					@Override
					protected void reportUntracedLeak(String resourceType) {
						leaks.add(resourceType + " leaked (no records)");
					}

				};
			}

		});
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		// Leaks are found when a collected buffer's reference is polled, on a later allocation.
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(20);
			ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
			probe.release();
		}
		List<String> found = List.copyOf(leaks);
		leaks.clear();
		assertThat(found).as("Netty buffer leaks").isEmpty();
	}

}
