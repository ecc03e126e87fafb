package ai.bctrl.testsupport;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer while it ran (DESIGN §4: every
 * error path releases the response body). Registered for every test class of the module
 * through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled}; the surefire {@code argLine}
 * sets the detector to {@code paranoid}, so every buffer is tracked.
 *
 * <p>
 * JUnit instantiates autodetected extensions before the first test class runs, so the
 * recording {@link ResourceLeakDetectorFactory} is installed before Netty creates the
 * {@code ByteBuf} leak detector ({@link #beforeAll} checks it). A leak is reported only
 * once the buffer has been garbage collected and another buffer is allocated: after each
 * class the extension collects garbage and allocates a few buffers, then fails the class
 * if anything was reported. Shared by the test suites of every module (test scope); not
 * published.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterAllCallback {

	static final RecordingLeakDetectorFactory FACTORY = RecordingLeakDetectorFactory.install();

	/**
	 * Hint of the leak {@link LeakDetectionExtensionTests} makes on purpose: recorded,
	 * not logged.
	 */
	static final String DELIBERATE_LEAK = "deliberate leak by LeakDetectionExtensionTests";

	@Override
	public void beforeAll(ExtensionContext context) {
		FACTORY.assertTracksByteBufs();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		FACTORY.flush();
		List<String> leaks = FACTORY.drain((report) -> true);
		if (!leaks.isEmpty()) {
			throw new AssertionError(leaks.size() + " Netty leak report(s) while running "
					+ context.getRequiredTestClass().getName() + ":\n" + String.join("\n", leaks));
		}
	}

	/**
	 * A {@link ResourceLeakDetectorFactory} whose detectors record every leak report (and
	 * still log it).
	 */
	static final class RecordingLeakDetectorFactory extends ResourceLeakDetectorFactory {

		private final Queue<String> reports = new ConcurrentLinkedQueue<>();

		static RecordingLeakDetectorFactory install() {
			RecordingLeakDetectorFactory factory = new RecordingLeakDetectorFactory();
			ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(factory);
			return factory;
		}

		@Override
		@SuppressWarnings("deprecation")
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new RecordingLeakDetector<>(resource, samplingInterval, this.reports);
		}

		/**
		 * Collect garbage and allocate tracked buffers so that the detector reports
		 * leaked buffers that are now unreachable.
		 */
		void flush() {
			for (int i = 0; i < 3; i++) {
				System.gc();
				try {
					// A real wait: the GC enqueues the collected references after it
					// returns.
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				// At paranoid level every allocation first reports what the GC found.
				ByteBufAllocator.DEFAULT.buffer(1).release();
				UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release();
			}
		}

		/** Remove and return the reports that match. */
		List<String> drain(Predicate<String> filter) {
			List<String> drained = new ArrayList<>();
			this.reports.removeIf((report) -> filter.test(report) && drained.add(report));
			return drained;
		}

		/** Fail unless the detector of every {@code ByteBuf} is one of ours. */
		void assertTracksByteBufs() {
			if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
				throw new IllegalStateException("Netty leak detection must run at paranoid level in tests but is "
						+ ResourceLeakDetector.getLevel() + " (see netty.leak.argLine in the root pom)");
			}
			Object detector;
			try {
				Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
				field.setAccessible(true);
				detector = field.get(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot check Netty's ByteBuf leak detector", ex);
			}
			if (!(detector instanceof RecordingLeakDetector)) {
				throw new IllegalStateException("Netty's ByteBuf leak detector (" + detector
						+ ") was created before LeakDetectionExtension installed its factory: leaks would go unnoticed");
			}
		}

	}

	static final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

		private final Queue<String> reports;

		RecordingLeakDetector(Class<?> resource, int samplingInterval, Queue<String> reports) {
			super(resource, samplingInterval);
			this.reports = reports;
		}

		@Override
		protected boolean needReport() {
			return true;
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			this.reports.add("LEAK: " + resourceType + " garbage-collected without release():" + records);
			if (!records.contains(DELIBERATE_LEAK)) {
				super.reportTracedLeak(resourceType, records);
			}
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			this.reports.add("LEAK: " + resourceType + " garbage-collected without release() (no records)");
			super.reportUntracedLeak(resourceType);
		}

	}

}
