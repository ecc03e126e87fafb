package ai.bctrl.operations;

import java.util.function.ToLongFunction;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;

import org.jspecify.annotations.Nullable;

/**
 * Creates the client's Resilience4j circuit breaker and retry from its settings, taken
 * from the application's registries when it gave them. The failure classification is
 * always the client's own.
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
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			.recordException(RetryPolicy::isServiceFailure)
			.build();
		String name = OperationsClient.Builder.resilienceInstanceName(builder.name);
		return (builder.circuitBreakerRegistry != null) ? builder.circuitBreakerRegistry.circuitBreaker(name, config)
				: CircuitBreaker.of(name, config);
	}

	/**
	 * The retry, or {@code null} when the settings allow no retry.
	 * @param plannedDelay the wait decided for a failure, negative when it must not be
	 * retried
	 */
	static @Nullable Retry retry(OperationsClient.Builder builder, ToLongFunction<Throwable> plannedDelay) {
		OperationsClientSettings settings = builder.settings;
		if (!settings.retry().enabled() || settings.retry().maxAttempts() < 2) {
			return null;
		}
		// The delay is decided per call (it depends on the deadline) when the attempt
		// fails; the retry only carries it out. A retryable failure of the last attempt
		// is
		// let through as well: Resilience4j then ends the call itself and counts it as
		// failed with retry (rejected by the predicate, it would count as failed without
		// retry).
		int maxAttempts = settings.retry().maxAttempts();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.retryOnException((error) -> plannedDelay.applyAsLong(error) >= 0 || error instanceof BctrlException bctrl
					&& bctrl.attempts() >= maxAttempts && RetryPolicy.isRetryable(bctrl))
			.intervalBiFunction(
					(attempt, outcome) -> outcome.isLeft() ? plannedDelay.applyAsLong(outcome.getLeft()) : -1L)
			.build();
		String name = OperationsClient.Builder.resilienceInstanceName(builder.name);
		return (builder.retryRegistry != null) ? builder.retryRegistry.retry(name, config) : Retry.of(name, config);
	}

}
