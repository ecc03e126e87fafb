package ai.bctrl.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.operations.CancelResult;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * Bulk efficiency (DESIGN §8): {@code cancelAll} of fresh queued operations against the
 * emulator answering every request after a fixed latency, at a given concurrency, as a
 * share of the ideal rate (concurrency ÷ latency).
 */
final class BulkRateBenchmark {

	private BulkRateBenchmark() {
	}

	/**
	 * Measure each concurrency once, after a warm-up.
	 * @param ids operations per measurement
	 * @param latency the emulator's latency per request
	 * @param concurrencies the concurrencies to measure
	 * @param out where to report
	 * @return one result per concurrency, in the order given
	 */
	static List<Result> run(int ids, Duration latency, List<Integer> concurrencies, Consumer<String> out) {
		List<Result> results = new ArrayList<>();
		try (BctrlEmulator emulator = BctrlEmulator.builder()
			.port(0)
			.autoProgress(false)
			.requestLogLimit(0)
			.build()
			.start()) {
			emulator.faults().latency(latency);
			for (int concurrency : concurrencies) {
				OperationsClient client = OperationsClient
					.builder(OperationsClientSettings.builder()
						.baseUrl(emulator.baseUrl())
						.apiKey(emulator.apiKey())
						.bulk(OperationsClientSettings.BulkSettings.builder().concurrency(concurrency).build())
						.build())
					.build();
				cancelAll(emulator, client, Math.max(concurrency * 10, ids / 10), latency);
				long nanos = cancelAll(emulator, client, ids, latency);
				double rate = ids / (nanos / 1e9);
				double ideal = concurrency / (latency.toNanos() / 1e9);
				out.accept(String.format(
						"  cancelAll of %d ids, concurrency %d, latency %d ms: %.0f ids/s, ideal %.0f ids/s: %.1f %%",
						ids, concurrency, latency.toMillis(), rate, ideal, 100 * rate / ideal));
				// The same cancels through a plain flatMap: what the batch's own
				// machinery costs, apart from the client and the emulator.
				double plainRate = ids / (plainFlatMap(emulator, client, ids, concurrency, latency) / 1e9);
				out.accept(String.format("  plain flatMap of cancel, same ids and concurrency: %.0f ids/s: %.1f %%",
						plainRate, 100 * plainRate / ideal));
				results.add(new Result(concurrency, rate / ideal, plainRate / ideal));
			}
		}
		return results;
	}

	/**
	 * The efficiency measured at one concurrency.
	 *
	 * @param concurrency the batch's concurrency
	 * @param efficiency {@code cancelAll}'s rate as a share of the ideal rate
	 * @param plainFlatMapEfficiency the same for a plain {@code flatMap} of
	 * {@code cancel}
	 */
	record Result(int concurrency, double efficiency, double plainFlatMapEfficiency) {

	}

	private static long plainFlatMap(BctrlEmulator emulator, OperationsClient client, int ids, int concurrency,
			Duration latency) {
		List<String> seeded = emulator.seed(OperationState.QUEUED, ids);
		long start = System.nanoTime();
		Flux.fromIterable(seeded).flatMap(client::cancel, concurrency).then().block(Duration.ofMinutes(5));
		long elapsed = System.nanoTime() - start;
		emulator.reset();
		emulator.faults().latency(latency);
		return elapsed;
	}

	private static long cancelAll(BctrlEmulator emulator, OperationsClient client, int ids, Duration latency) {
		List<String> seeded = emulator.seed(OperationState.QUEUED, ids);
		long start = System.nanoTime();
		List<CancelResult> results = client.cancelAll(Flux.fromIterable(seeded))
			.collectList()
			.block(Duration.ofMinutes(5));
		long elapsed = System.nanoTime() - start;
		long failed = results.stream().filter((result) -> !result.isSuccess()).count();
		if (results.size() != ids || failed > 0) {
			throw new IllegalStateException(
					"cancelAll gave " + results.size() + " results for " + ids + " ids, " + failed + " failed");
		}
		emulator.reset();
		// A reset forgets the latency too.
		emulator.faults().latency(latency);
		return elapsed;
	}

}
