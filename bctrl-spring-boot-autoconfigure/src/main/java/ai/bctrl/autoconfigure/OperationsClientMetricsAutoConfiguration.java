package ai.bctrl.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import ai.bctrl.operations.OperationsClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the metrics of the bctrl
 * {@link OperationsClient}'s retry and circuit breaker: the Resilience4j meters of the
 * {@value OperationsClient.Builder#RESILIENCE_INSTANCE_NAME} instances, and the clients'
 * retry budget and bulk concurrency, bound to the application's {@link MeterRegistry}.
 * (The {@code bctrl.client.requests} timer comes from the observation, see
 * {@link OperationsClientAutoConfiguration}.)
 */
@AutoConfiguration(after = OperationsClientAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(value = { MeterRegistry.class, TaggedCircuitBreakerMetricsPublisher.class },
		name = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnBean({ MeterRegistry.class, OperationsClient.class, CircuitBreakerRegistry.class, RetryRegistry.class })
public final class OperationsClientMetricsAutoConfiguration {

	@Bean
	OperationsClientResilienceMetrics operationsClientResilienceMetrics(CircuitBreakerRegistry circuitBreakerRegistry,
			RetryRegistry retryRegistry) {
		return new OperationsClientResilienceMetrics(circuitBreakerRegistry, retryRegistry);
	}

	@Bean
	OperationsClientOwnMetrics operationsClientOwnMetrics(BuiltOperationsClients builtOperationsClients) {
		return new OperationsClientOwnMetrics(builtOperationsClients);
	}

}
