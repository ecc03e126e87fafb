package ai.bctrl.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.operations.CancelResult;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * Benchmark 3, bulk: {@link OperationsClient#cancelAll} of fresh queued operations of the
 * emulator, against a sequential loop of {@link OperationsClient#cancel} over as many
 * fresh ones. Both with the default policy and observation; the two are interleaved,
 * alternating which goes first.
 */
final class BulkCancelBenchmark implements AutoCloseable {

	private final BctrlEmulator emulator;

	private final OperationsClient client;

	BulkCancelBenchmark() {
		// Operations stay queued until cancelled: no timers run on the emulator's loops.
		this.emulator = BctrlEmulator.builder().port(0).autoProgress(false).requestLogLimit(100).build().start();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		this.client = OperationsClient
			.builder(OperationsClientSettings.builder()
				.baseUrl(this.emulator.baseUrl())
				.apiKey(this.emulator.apiKey())
				.build())
			.observationRegistry(observations)
			.build();
	}

	/**
	 * Warm both up, then measure them round by round.
	 * @param ids operations per measurement
	 * @param rounds number of rounds
	 * @param progress where to report each run
	 * @return every round's times
	 */
	List<Round> run(int ids, int rounds, Consumer<String> progress) {
		cancelAll(Math.max(100, ids / 5));
		sequential(Math.max(100, ids / 5));
		List<Round> results = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			long bulkNanos;
			long sequentialNanos;
			if (round % 2 == 0) {
				bulkNanos = cancelAll(ids);
				sequentialNanos = sequential(ids);
			}
			else {
				sequentialNanos = sequential(ids);
				bulkNanos = cancelAll(ids);
			}
			Round measured = new Round(ids, bulkNanos, sequentialNanos);
			results.add(measured);
			progress
				.accept(String.format("  bulk round %d: cancelAll %6d ids in %7.1f ms, sequential in %7.1f ms (%.1fx)",
						round + 1, ids, bulkNanos / 1e6, sequentialNanos / 1e6, measured.speedup()));
		}
		return results;
	}

	private long cancelAll(int ids) {
		List<String> seeded = this.emulator.seed(OperationState.QUEUED, ids);
		long start = System.nanoTime();
		List<CancelResult> results = this.client.cancelAll(Flux.fromIterable(seeded)).collectList().block();
		long elapsed = System.nanoTime() - start;
		long failed = results.stream().filter((result) -> !result.isSuccess()).count();
		if (results.size() != ids || failed > 0) {
			throw new IllegalStateException(
					"cancelAll gave " + results.size() + " results for " + ids + " ids, " + failed + " failed");
		}
		this.emulator.reset();
		return elapsed;
	}

	private long sequential(int ids) {
		List<String> seeded = this.emulator.seed(OperationState.QUEUED, ids);
		long start = System.nanoTime();
		for (String id : seeded) {
			this.client.cancel(id).block();
		}
		long elapsed = System.nanoTime() - start;
		this.emulator.reset();
		return elapsed;
	}

	@Override
	public void close() {
		this.emulator.stop();
	}

	/**
	 * One round.
	 *
	 * @param ids operations cancelled by each
	 * @param bulkNanos time of {@code cancelAll}
	 * @param sequentialNanos time of the sequential loop
	 */
	record Round(int ids, long bulkNanos, long sequentialNanos) {

		double speedup() {
			return (double) this.sequentialNanos / this.bulkNanos;
		}

	}

}
