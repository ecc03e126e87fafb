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
 * {@link MeterBinder} for the client's Resilience4j retry and circuit breaker: the
 * standard Resilience4j meters ({@code resilience4j.circuitbreaker.state},
 * {@code resilience4j.retry.calls}, ...) tagged
 * {@code name=}{@value OperationsClient.Builder#RESILIENCE_INSTANCE_NAME}. Only these two
 * instances are bound, not the rest of the registries; an instance registered after
 * binding (a lazily created client) is bound when it is added.
 */
class OperationsClientResilienceMetrics implements MeterBinder {

	private static final String NAME = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;

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
			if (NAME.equals(added.getName())) {
				circuitBreakerMetrics.publishMetrics(added);
			}
		});
		this.circuitBreakerRegistry.find(NAME).ifPresent(circuitBreakerMetrics::publishMetrics);
		TaggedRetryMetricsPublisher retryMetrics = new TaggedRetryMetricsPublisher(registry);
		this.retryRegistry.getEventPublisher().onEntryAdded((event) -> {
			Retry added = event.getAddedEntry();
			if (NAME.equals(added.getName())) {
				retryMetrics.publishMetrics(added);
			}
		});
		this.retryRegistry.find(NAME).ifPresent(retryMetrics::publishMetrics);
	}

}
