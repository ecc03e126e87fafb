package ai.bctrl.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import ai.bctrl.operations.OperationsClient;

/**
 * {@link MeterBinder} for the Resilience4j retries and circuit breakers of the bctrl
 * clients: the standard Resilience4j meters ({@code resilience4j.circuitbreaker.state},
 * {@code resilience4j.retry.calls}, ...) tagged
 * {@code name=}{@value OperationsClient.Builder#RESILIENCE_INSTANCE_NAME} for the default
 * client and {@code name=bctrl-operations-<name>} for the others. Only these instances
 * are bound, not the rest of the registries; an instance registered after binding (a
 * client created later) is bound when it is added.
 */
class OperationsClientResilienceMetrics implements MeterBinder {

	private static final String NAME = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;

	private static final String NAME_PREFIX = NAME + "-";

	private final CircuitBreakerRegistry circuitBreakerRegistry;

	private final RetryRegistry retryRegistry;

	OperationsClientResilienceMetrics(CircuitBreakerRegistry circuitBreakerRegistry, RetryRegistry retryRegistry) {
		this.circuitBreakerRegistry = circuitBreakerRegistry;
		this.retryRegistry = retryRegistry;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TaggedCircuitBreakerMetricsPublisher circuitBreakerMetrics = new TaggedCircuitBreakerMetricsPublisher(registry);
		this.circuitBreakerRegistry.getEventPublisher().onEntryAdded((event) -> {
			CircuitBreaker added = event.getAddedEntry();
			if (isClientInstance(added.getName())) {
				circuitBreakerMetrics.publishMetrics(added);
			}
		});
		this.circuitBreakerRegistry.getAllCircuitBreakers()
			.stream()
			.filter((breaker) -> isClientInstance(breaker.getName()))
			.forEach(circuitBreakerMetrics::publishMetrics);
		TaggedRetryMetricsPublisher retryMetrics = new TaggedRetryMetricsPublisher(registry);
		this.retryRegistry.getEventPublisher().onEntryAdded((event) -> {
			Retry added = event.getAddedEntry();
			if (isClientInstance(added.getName())) {
				retryMetrics.publishMetrics(added);
			}
		});
		this.retryRegistry.getAllRetries()
			.stream()
			.filter((retry) -> isClientInstance(retry.getName()))
			.forEach(retryMetrics::publishMetrics);
	}

	private static boolean isClientInstance(String name) {
		return name.equals(NAME) || name.startsWith(NAME_PREFIX);
	}

}
