package ai.bctrl.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A closed-loop load generator: {@code concurrency} lanes, each starting its next call
 * when the previous one completes (on the thread that completed it, as a reactive
 * application would), until the time is up. Every call's latency is kept, and the CPU
 * time and the bytes allocated by all threads of the process while the calls run: on a
 * shared machine they move less than throughput does.
 */
final class ClosedLoop {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private ClosedLoop() {
	}

	/**
	 * Run calls for a while and measure them.
	 * @param calls the call to make, a fresh publisher each time
	 * @param concurrency calls in flight
	 * @param duration how long to start new calls
	 * @return the measurement
	 */
	static Measurement run(Supplier<Mono<?>> calls, int concurrency, Duration duration) {
		Run run = new Run(calls, concurrency);
		run.slice(duration);
		return run.measurement();
	}

	/**
	 * Run several kinds of calls in turns and measure each: slices of {@code slice},
	 * {@code slices} per kind, in the order A B B A A B … so that a machine that drifts
	 * (another process, the clock of a shared CPU) weighs on every kind alike.
	 * @param <K> the key of a kind of call
	 * @param calls the kinds of calls, in the order of the first turn
	 * @param concurrency calls in flight
	 * @param slice how long each slice starts new calls
	 * @param slices slices per kind
	 * @return the measurement of each kind, over all its slices
	 */
	static <K> Map<K, Measurement> runInTurns(Map<K, Supplier<Mono<?>>> calls, int concurrency, Duration slice,
			int slices) {
		Map<K, Run> runs = new LinkedHashMap<>();
		calls.forEach((key, call) -> runs.put(key, new Run(call, concurrency)));
		List<Run> forward = new ArrayList<>(runs.values());
		List<Run> backward = new ArrayList<>(forward);
		Collections.reverse(backward);
		for (int turn = 0; turn < slices; turn++) {
			for (Run run : (turn % 2 == 0) ? forward : backward) {
				run.slice(slice);
			}
		}
		Map<K, Measurement> measured = new LinkedHashMap<>();
		runs.forEach((key, run) -> measured.put(key, run.measurement()));
		return measured;
	}

	/**
	 * CPU time of the live threads of the process (the JIT's and the GC's threads are not
	 * among them); the benchmark's threads live as long as the process.
	 */
	private static long cpuNanos() {
		return sumOverThreads(THREADS.getThreadCpuTime(THREADS.getAllThreadIds()));
	}

	/**
	 * Bytes allocated by the live threads of the process (not
	 * {@code getTotalThreadAllocatedBytes}, which is not in Java 17's API).
	 */
	private static long allocatedBytes() {
		return sumOverThreads(THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds()));
	}

	/** The sum of a per-thread counter; a thread that ended meanwhile reports -1. */
	private static long sumOverThreads(long[] perThread) {
		return LongStream.of(perThread).filter((value) -> value > 0).sum();
	}

	private static long percentile(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/**
	 * What one run measured.
	 *
	 * @param calls calls completed
	 * @param elapsedNanos wall time of the run
	 * @param p50Nanos median latency
	 * @param p99Nanos 99th percentile latency
	 * @param cpuNanos CPU time of all threads of the process during the run
	 * @param allocatedBytes bytes allocated by all threads of the process during the run
	 */
	record Measurement(long calls, long elapsedNanos, long p50Nanos, long p99Nanos, long cpuNanos,
			long allocatedBytes) {

		double throughput() {
			return this.calls * 1e9 / this.elapsedNanos;
		}

		double cpuNanosPerCall() {
			return (double) this.cpuNanos / this.calls;
		}

		double bytesPerCall() {
			return (double) this.allocatedBytes / this.calls;
		}

	}

	/** The slices of one kind of call, added up. */
	private static final class Run {

		private final Supplier<Mono<?>> calls;

		private final Lane[] lanes;

		private long elapsed;

		private long cpu;

		private long allocated;

		Run(Supplier<Mono<?>> calls, int concurrency) {
			this.calls = calls;
			this.lanes = new Lane[concurrency];
			for (int i = 0; i < concurrency; i++) {
				this.lanes[i] = new Lane();
			}
		}

		void slice(Duration duration) {
			long cpuAtStart = cpuNanos();
			long allocatedAtStart = allocatedBytes();
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			Flux.range(0, this.lanes.length)
				.flatMap((lane) -> this.lanes[lane].loop(this.calls, end), this.lanes.length)
				.blockLast(duration.plusSeconds(60));
			this.elapsed += System.nanoTime() - start;
			this.cpu += cpuNanos() - cpuAtStart;
			this.allocated += allocatedBytes() - allocatedAtStart;
		}

		Measurement measurement() {
			long[] latencies = Arrays.stream(this.lanes).flatMapToLong(Lane::latencies).toArray();
			Arrays.sort(latencies);
			return new Measurement(latencies.length, this.elapsed, percentile(latencies, 0.50),
					percentile(latencies, 0.99), this.cpu, this.allocated);
		}

	}

	/** One lane's calls, one after the other; touched by one thread at a time. */
	private static final class Lane {

		private long[] latencies = new long[4096];

		private int count;

		Mono<Void> loop(Supplier<Mono<?>> calls, long end) {
			return Mono.defer(() -> {
				long started = System.nanoTime();
				return calls.get().doOnSuccess((result) -> add(System.nanoTime() - started));
			}).repeat(() -> System.nanoTime() < end).then();
		}

		private void add(long latency) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = latency;
		}

		LongStream latencies() {
			return Arrays.stream(this.latencies, 0, this.count);
		}

	}

}
