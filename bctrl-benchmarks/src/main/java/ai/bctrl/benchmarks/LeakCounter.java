package ai.bctrl.benchmarks;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Counts Netty's leak reports on {@code ByteBuf}s: a listener on the detector Netty
 * created for them (whoever created it: its field is read reflectively, as
 * {@code LeakDetectionExtension} of the test support does), called with every report the
 * detector logs.
 */
final class LeakCounter {

	private final LongAdder reports = new LongAdder();

	private volatile String first;

	private LeakCounter() {
	}

	/**
	 * Listen to the {@code ByteBuf} leak detector.
	 * @return the counter
	 * @throws IllegalStateException if the detector cannot be reached, or does not report
	 * leaks because its logger is off
	 */
	static LeakCounter attach() {
		if (!InternalLoggerFactory.getInstance(ResourceLeakDetector.class).isErrorEnabled()) {
			throw new IllegalStateException("Netty's leak detector logger is off: it would drop leak reports");
		}
		LeakCounter counter = new LeakCounter();
		byteBufDetector().setLeakListener((resourceType, records) -> {
			if (counter.first == null) {
				counter.first = resourceType + records;
			}
			counter.reports.increment();
		});
		return counter;
	}

	private static ResourceLeakDetector<?> byteBufDetector() {
		try {
			Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
			field.setAccessible(true);
			return (ResourceLeakDetector<?>) field.get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot reach Netty's ByteBuf leak detector", ex);
		}
	}

	/**
	 * Let the detector report what has leaked so far: collect garbage, then allocate
	 * tracked buffers (at paranoid level every allocation first reports the leaked
	 * buffers the collector found).
	 */
	void flush() {
		ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		try {
			for (int i = 0; i < 3; i++) {
				System.gc();
				// The collector enqueues the collected references after it returns.
				pause();
				ByteBufAllocator.DEFAULT.buffer(1).release();
				UnpooledByteBufAllocator.DEFAULT.directBuffer(1).release();
			}
		}
		finally {
			ResourceLeakDetector.setLevel(level);
		}
	}

	/**
	 * Leak reports so far.
	 * @return the count
	 */
	long reports() {
		return this.reports.sum();
	}

	/**
	 * The first leak report, with its records.
	 * @return the report, or {@code null} if there was none
	 */
	String first() {
		return this.first;
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
