package ai.bctrl.benchmarks;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * Constant memory of {@code cancelAll} (DESIGN §8): a million lazily generated ids
 * cancelled against the emulator over real sockets, at the default bulk concurrency, the
 * results consumed as they come. Heap after GC is taken once the warm-up ids are answered
 * and again at the end; each id must be answered exactly once (kept as one bit per id: a
 * set of a million strings would itself be the growth measured).
 */
final class MillionIdsBenchmark {

	static final int IDS = 1_000_000;

	static final int WARMUP_IDS = 50_000;

	/** Most the heap after GC may grow from the warm-up to the end. */
	static final long MAX_HEAP_GROWTH_BYTES = 8L * 1024 * 1024;

	private static final String PREFIX = "op_";

	private MillionIdsBenchmark() {
	}

	/**
	 * An emulator that keeps nothing per request: any id is answered, no request is
	 * logged, so a long run measures the client's memory, not the emulator's.
	 */
	static BctrlEmulator startStatelessEmulator() {
		return BctrlEmulator.builder().port(0).answerUnknownIds(true).requestLogLimit(0).build().start();
	}

	/**
	 * Cancel the ids and measure.
	 * @param ids how many ids
	 * @param warmupIds ids answered before the heap is first measured
	 * @param out where to report
	 * @return the figures
	 */
	static Result run(int ids, int warmupIds, Consumer<String> out) {
		try (BctrlEmulator emulator = startStatelessEmulator()) {
			OperationsClient client = OperationsClient.builder(
					OperationsClientSettings.builder().baseUrl(emulator.baseUrl()).apiKey(emulator.apiKey()).build())
				.build();
			BitSet answered = new BitSet(ids);
			long[] counts = new long[3];
			AtomicReference<MemoryFigures> start = new AtomicReference<>();
			long startedAt = System.nanoTime();
			Flux<String> generated = Flux.range(0, ids).map((i) -> PREFIX + i);
			client.cancelAll(generated).doOnNext((result) -> {
				int index = Integer.parseInt(result.operationId().substring(PREFIX.length()));
				if (answered.get(index)) {
					counts[0]++;
				}
				answered.set(index);
				if (!result.isSuccess()) {
					counts[1]++;
				}
				if (++counts[2] == warmupIds) {
					start.set(MemoryFigures.take());
				}
			}).then().block(Duration.ofHours(1));
			long elapsed = System.nanoTime() - startedAt;
			MemoryFigures end = MemoryFigures.take();
			Result result = new Result(ids, counts[2], answered.cardinality(), counts[0], counts[1], elapsed,
					start.get(), end);
			out.accept(String.format(
					"  cancelAll of %,d lazily generated ids: %.1f s (%.0f ids/s), %,d results, %,d ids answered,"
							+ " %d answered twice, %d failed; heap after GC %s after %,d ids, %s at the end (%+.1f MB)",
					ids, elapsed / 1e9, ids / (elapsed / 1e9), result.results(), result.answered(), result.duplicates(),
					result.failed(), MemoryFigures.megabytes(start.get().heapAfterGcBytes()), warmupIds,
					MemoryFigures.megabytes(end.heapAfterGcBytes()), result.heapGrowthBytes() / (1024.0 * 1024.0)));
			return result;
		}
	}

	/**
	 * What the run measured.
	 *
	 * @param ids ids generated
	 * @param results results received
	 * @param answered distinct ids answered
	 * @param duplicates results for an id already answered
	 * @param failed results that are failures
	 * @param elapsedNanos time of the whole batch
	 * @param start memory after the warm-up ids
	 * @param end memory at the end
	 */
	record Result(int ids, long results, int answered, long duplicates, long failed, long elapsedNanos,
			MemoryFigures start, MemoryFigures end) {

		long heapGrowthBytes() {
			return this.end.heapAfterGcBytes() - this.start.heapAfterGcBytes();
		}

	}

}
