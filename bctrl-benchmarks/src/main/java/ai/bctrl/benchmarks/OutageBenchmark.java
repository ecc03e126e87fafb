package ai.bctrl.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.operations.BctrlCircuitOpenException;
import ai.bctrl.operations.BctrlTimeoutException;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

/**
 * Benchmark 4, outage: the emulator answers 503 until the default circuit breaker opens;
 * then the time {@code cancel} takes to fail with {@link BctrlCircuitOpenException}
 * (median of many calls), against the time a client without a breaker (and without
 * retries) waits for a hung service: its attempt timeout.
 */
final class OutageBenchmark {

	private OutageBenchmark() {
	}

	/**
	 * Measure both.
	 * @param samples calls to time while the breaker is open
	 * @param warmup how long to call with the breaker open before timing
	 * @param attemptTimeout attempt timeout of the client without a breaker
	 * @param progress where to report
	 * @return the figures
	 */
	static Result run(int samples, Duration warmup, Duration attemptTimeout, Consumer<String> progress) {
		try (BctrlEmulator emulator = BctrlEmulator.builder()
			.port(0)
			.autoProgress(false)
			.requestLogLimit(100)
			.build()
			.start()) {
			String id = emulator.seed(OperationState.RUNNING);
			long[] openFailNanos = openBreakerFailTimes(emulator, id, samples, warmup);
			long median = openFailNanos[openFailNanos.length / 2];
			progress.accept(String.format("  outage: open breaker fails in %.1f us (median of %d), p99 %.1f us",
					median / 1e3, samples, openFailNanos[(int) (openFailNanos.length * 0.99)] / 1e3));
			emulator.reset();
			id = emulator.seed(OperationState.RUNNING);
			Duration waited = noBreakerWait(emulator, id, attemptTimeout);
			progress
				.accept(String.format("  outage: without a breaker the call failed after %.3f s (attempt timeout %s)",
						waited.toNanos() / 1e9, attemptTimeout));
			return new Result(median, samples, attemptTimeout.toNanos(), waited.toNanos());
		}
	}

	private static long[] openBreakerFailTimes(BctrlEmulator emulator, String id, int samples, Duration warmup) {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		OperationsClient client = OperationsClient
			.builder(OperationsClientSettings.builder().baseUrl(emulator.baseUrl()).apiKey(emulator.apiKey()).build())
			.observationRegistry(observations)
			.circuitBreakerRegistry(breakers)
			.build();
		CircuitBreaker breaker = breakers.circuitBreaker(OperationsClient.Builder.RESILIENCE_INSTANCE_NAME);
		emulator.faults().always().status(503);
		// More failing calls at once than the breaker's minimum: it opens on their first
		// attempts.
		int calls = CircuitBreakerSettings.builder().build().minimumNumberOfCalls() + 10;
		Flux.range(0, calls)
			.flatMap((i) -> client.cancel(id).onErrorResume((failure) -> Mono.empty()), calls)
			.blockLast(Duration.ofSeconds(60));
		if (breaker.getState() != CircuitBreaker.State.OPEN) {
			throw new IllegalStateException("The circuit breaker did not open: " + breaker.getState());
		}
		// Warm the fail-fast path up, then time it (well within the 10 s open period).
		long warmupEnd = System.nanoTime() + warmup.toNanos();
		while (System.nanoTime() < warmupEnd) {
			failFast(client, id);
		}
		long[] times = new long[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			failFast(client, id);
			times[i] = System.nanoTime() - start;
		}
		if (breaker.getState() != CircuitBreaker.State.OPEN) {
			throw new IllegalStateException("The circuit breaker left the open state while measured");
		}
		Arrays.sort(times);
		return times;
	}

	private static void failFast(OperationsClient client, String id) {
		try {
			client.cancel(id).block();
			throw new IllegalStateException("cancel succeeded with the breaker open");
		}
		catch (BctrlCircuitOpenException expected) {
			// the figure measured
		}
	}

	/** Three calls at once to a service that hangs; the median of their times. */
	private static Duration noBreakerWait(BctrlEmulator emulator, String id, Duration attemptTimeout) {
		OperationsClient client = OperationsClient
			.builder(OperationsClientSettings.builder()
				.baseUrl(emulator.baseUrl())
				.apiKey(emulator.apiKey())
				.attemptTimeout(attemptTimeout)
				.retry(RetrySettings.builder().enabled(false).maxAttempts(1).build())
				.circuitBreaker(CircuitBreakerSettings.builder().enabled(false).build())
				.build())
			.build();
		emulator.faults().always().latency(attemptTimeout.multipliedBy(3));
		List<Long> times = Flux.range(0, 3).flatMap((i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return client.cancel(id)
				.then(Mono.<Long>error(new IllegalStateException("cancel succeeded against a hung service")))
				.onErrorResume(BctrlTimeoutException.class, (timeout) -> Mono.just(System.nanoTime() - start));
		}).subscribeOn(Schedulers.boundedElastic()), 3).sort().collectList().block(attemptTimeout.multipliedBy(4));
		return Duration.ofNanos(times.get(1));
	}

	/**
	 * What the outage benchmark measured.
	 *
	 * @param openFailMedianNanos median time for cancel to fail with the breaker open
	 * @param samples calls timed with the breaker open
	 * @param attemptTimeoutNanos the attempt timeout of a client without a breaker
	 * @param noBreakerWaitNanos how long such a client actually waited (median of 3)
	 */
	record Result(long openFailMedianNanos, int samples, long attemptTimeoutNanos, long noBreakerWaitNanos) {

		double speedup() {
			return (double) this.attemptTimeoutNanos / this.openFailMedianNanos;
		}

	}

}
