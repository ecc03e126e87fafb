package ai.bctrl.operations;

import java.util.function.ToLongFunction;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;

/**
 * Creates the client's Resilience4j circuit breaker and retry from its settings, taken
 * from the application's registries when it gave them. The failure classification is
 * always the client's own: an instance the application registered under the same name
 * contributes its sizes, durations and state (breaker) but never its predicates, so it is
 * replaced in the registry by one that classifies failures as the client does.
 */
final class ResilienceInstances {

	private ResilienceInstances() {
	}

	/**
	 * The circuit breaker, or {@code null} when it is disabled.
	 */
	static @Nullable CircuitBreaker circuitBreaker(OperationsClient.Builder builder) {
		CircuitBreakerSettings breaker = builder.settings.circuitBreaker();
		if (!breaker.enabled()) {
			return null;
		}
		String name = OperationsClient.Builder.resilienceInstanceName(builder.name);
		CircuitBreakerConfig.Builder config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			// The refusal never reaches the caller as it is: it becomes the cause of a
			// BctrlCircuitOpenException, which has the caller's stack trace. Filling in a
			// second one of a deep Reactor stack was the dearest part of failing fast.
			.writableStackTraceEnabled(false);
		if (builder.circuitBreakerRegistry == null) {
			return CircuitBreaker.of(name, classified(config));
		}
		CircuitBreaker registered = builder.circuitBreakerRegistry.find(name).orElse(null);
		if (registered == null) {
			return builder.circuitBreakerRegistry.circuitBreaker(name, classified(config));
		}
		CircuitBreaker own = CircuitBreaker.of(name,
				classified(CircuitBreakerConfig.from(registered.getCircuitBreakerConfig())), registered.getTags());
		carryOverState(registered, own);
		builder.circuitBreakerRegistry.replace(name, own);
		return own;
	}

	/**
	 * The replacement starts where the registered instance was: a breaker the application
	 * forced open (or disabled) stays so.
	 */
	private static void carryOverState(CircuitBreaker registered, CircuitBreaker own) {
		switch (registered.getState()) {
			case OPEN -> own.transitionToOpenState();
			case HALF_OPEN -> {
				own.transitionToOpenState();
				own.transitionToHalfOpenState();
			}
			case FORCED_OPEN -> own.transitionToForcedOpenState();
			case DISABLED -> own.transitionToDisabledState();
			case METRICS_ONLY -> own.transitionToMetricsOnlyState();
			default -> {
			}
		}
	}

	/**
	 * The client's classification, replacing any other: transport errors, timeouts and
	 * 5xx are failures, the client's own limits (a full connection pool) are neither
	 * failure nor success, every other answer is a success.
	 */
	private static CircuitBreakerConfig classified(CircuitBreakerConfig.Builder config) {
		return config.recordExceptions()
			.ignoreExceptions()
			.recordException(RetryPolicy::isServiceFailure)
			.ignoreException(RetryPolicy::isLocalLimit)
			.recordResult((result) -> false)
			.build();
	}

	/**
	 * The retry, or {@code null} when the settings allow no retry.
	 * @param maxAttempts the attempts of a call in all (the settings' own, except in
	 * tests)
	 * @param plannedDelay the wait decided for a failure, negative when it must not be
	 * retried
	 */
	static @Nullable Retry retry(OperationsClient.Builder builder, int maxAttempts,
			ToLongFunction<Throwable> plannedDelay) {
		OperationsClientSettings settings = builder.settings;
		if (!settings.retry().enabled() || maxAttempts < 2) {
			return null;
		}
		// The delay is decided per call (it depends on the deadline) when the attempt
		// fails; the retry only carries it out. A retryable failure of the last attempt
		// is
		// let through as well: Resilience4j then ends the call itself and counts it as
		// failed with retry (rejected by the predicate, it would count as failed without
		// retry).
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.retryOnException((error) -> plannedDelay.applyAsLong(error) >= 0 || error instanceof BctrlException bctrl
					&& bctrl.attempts() >= maxAttempts && RetryPolicy.isRetryable(bctrl))
			.intervalBiFunction(
					(attempt, outcome) -> outcome.isLeft() ? plannedDelay.applyAsLong(outcome.getLeft()) : -1L)
			.build();
		String name = OperationsClient.Builder.resilienceInstanceName(builder.name);
		if (builder.retryRegistry == null) {
			return Retry.of(name, config);
		}
		Retry registered = builder.retryRegistry.find(name).orElse(null);
		if (registered == null) {
			return builder.retryRegistry.retry(name, config);
		}
		// The retry's numbers are the client's settings too (bctrl.api.retry.*), so the
		// registered instance contributes only its tags.
		Retry own = Retry.of(name, config, registered.getTags());
		builder.retryRegistry.replace(name, own);
		return own;
	}

}
