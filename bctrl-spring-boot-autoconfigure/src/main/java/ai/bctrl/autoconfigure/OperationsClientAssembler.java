package ai.bctrl.autoconfigure;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;
import ai.bctrl.operations.OperationsObservationConvention;

/**
 * Builds every client of the application the same way: on a clone of Boot's
 * {@link WebClient.Builder} customized by the {@link BctrlWebClientCustomizer} beans,
 * with the application's registries, observation and connector.
 */
final class OperationsClientAssembler {

	private final WebClient.Builder webClientBuilder;

	private final List<BctrlWebClientCustomizer> customizers;

	private final CircuitBreakerRegistry circuitBreakerRegistry;

	private final RetryRegistry retryRegistry;

	private final @Nullable ObservationRegistry observationRegistry;

	private final @Nullable OperationsObservationConvention observationConvention;

	private final @Nullable ClientHttpConnector connector;

	private final BuiltOperationsClients built;

	OperationsClientAssembler(WebClient.Builder webClientBuilder, List<BctrlWebClientCustomizer> customizers,
			CircuitBreakerRegistry circuitBreakerRegistry, RetryRegistry retryRegistry,
			@Nullable ObservationRegistry observationRegistry,
			@Nullable OperationsObservationConvention observationConvention, @Nullable ClientHttpConnector connector,
			BuiltOperationsClients built) {
		this.webClientBuilder = webClientBuilder;
		this.customizers = customizers;
		this.circuitBreakerRegistry = circuitBreakerRegistry;
		this.retryRegistry = retryRegistry;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.connector = connector;
		this.built = built;
	}

	OperationsClient build(String name, OperationsClientSettings settings) {
		// Never change a shared builder: customizers only see this client's copy.
		WebClient.Builder builder = this.webClientBuilder.clone();
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		OperationsClient.Builder client = OperationsClient.builder(settings)
			.name(name)
			.webClientBuilder(builder)
			.circuitBreakerRegistry(this.circuitBreakerRegistry)
			.retryRegistry(this.retryRegistry)
			.observationConvention(this.observationConvention)
			.clientConnector(this.connector);
		if (this.observationRegistry != null) {
			client.observationRegistry(this.observationRegistry);
		}
		OperationsClient built = client.build();
		this.built.add(name, built);
		return built;
	}

}
