package ai.bctrl.benchmarks;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

/**
 * The process's memory and threads at one moment, the heap measured after a full garbage
 * collection.
 *
 * @param heapAfterGcBytes heap in use after {@link System#gc()}
 * @param directBytes direct memory of the JDK's {@code direct} buffer pool
 * @param nettyDirectBytes direct memory Netty counts itself, or {@code -1} when it does
 * not
 * @param allocatorDirectBytes direct memory of Netty's default allocator, or {@code -1}
 * when it does not say
 * @param threads live threads
 */
record MemoryFigures(long heapAfterGcBytes, long directBytes, long nettyDirectBytes, long allocatorDirectBytes,
		int threads) {

	/**
	 * Collect garbage and measure.
	 * @return the figures
	 */
	static MemoryFigures take() {
		System.gc();
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
		long allocator = (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider)
				? provider.metric().usedDirectMemory() : -1;
		return new MemoryFigures(heap, direct, PlatformDependent.usedDirectMemory(), allocator,
				ManagementFactory.getThreadMXBean().getThreadCount());
	}

	static String megabytes(long bytes) {
		return (bytes < 0) ? "n/a" : String.format("%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
