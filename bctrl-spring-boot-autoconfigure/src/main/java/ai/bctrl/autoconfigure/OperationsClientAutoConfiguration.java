package ai.bctrl.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

import ai.bctrl.operations.BlockingOperationsClient;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsObservationConvention;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the bctrl
 * {@link OperationsClient}.
 *
 * <p>
 * The client is built on a clone of Boot's {@link WebClient.Builder} when there is one
 * (so {@code http.client.requests} is recorded for each attempt), customized by the
 * {@link BctrlWebClientCustomizer} beans; it connects as the
 * {@link BctrlConnectionDetails} say (from {@code bctrl.api.base-url} and
 * {@code bctrl.api.key} unless the application defines them). The
 * {@link BlockingOperationsClient} bean is its blocking view; the
 * {@link OperationsClientFactory} builds the clients of further accounts
 * ({@code bctrl.api.accounts.<name>.*}) the same way. The retry and circuit breaker of
 * each client, named {@value OperationsClient.Builder#RESILIENCE_INSTANCE_NAME} for the
 * default client and {@code bctrl-operations-<name>} for the others, live in the
 * application's {@link CircuitBreakerRegistry} and {@link RetryRegistry}; registries with
 * default settings are defined when the application has none, so that metrics and health
 * see the instances the client uses. An instance already registered under that name (for
 * example configured with Resilience4j's own Spring Boot support) contributes its sizes,
 * durations and state, but the client replaces it with one that classifies failures as
 * the client does. With an {@link ObservationRegistry}, every call is observed as
 * {@code bctrl.client.requests}, following an {@link OperationsObservationConvention}
 * bean when there is one.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"io.github.resilience4j.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
		"io.github.resilience4j.retry.autoconfigure.RetryAutoConfiguration" })
@ConditionalOnClass({ OperationsClient.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "bctrl.api.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OperationsClientProperties.class)
public final class OperationsClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerRegistry circuitBreakerRegistry() {
		return CircuitBreakerRegistry.ofDefaults();
	}

	@Bean
	@ConditionalOnMissingBean
	RetryRegistry retryRegistry() {
		return RetryRegistry.ofDefaults();
	}

	@Bean
	@ConditionalOnMissingBean(BctrlConnectionDetails.class)
	PropertiesBctrlConnectionDetails bctrlConnectionDetails(OperationsClientProperties properties) {
		return new PropertiesBctrlConnectionDetails(properties);
	}

	@Bean
	OperationsClientAssembler bctrlOperationsClientAssembler(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<BctrlWebClientCustomizer> customizers, CircuitBreakerRegistry circuitBreakerRegistry,
			RetryRegistry retryRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<OperationsObservationConvention> observationConvention,
			ObjectProvider<BootClientHttpConnector> connector, BuiltOperationsClients builtOperationsClients) {
		BootClientHttpConnector bootConnector = connector.getIfAvailable();
		return new OperationsClientAssembler(webClientBuilder.getIfAvailable(WebClient::builder),
				customizers.orderedStream().toList(), circuitBreakerRegistry, retryRegistry,
				observationRegistry.getIfAvailable(), observationConvention.getIfAvailable(),
				(bootConnector != null) ? bootConnector.connector() : null, builtOperationsClients);
	}

	@Bean
	BuiltOperationsClients builtOperationsClients() {
		return new BuiltOperationsClients();
	}

	@Bean
	@ConditionalOnMissingBean
	OperationsClient operationsClient(OperationsClientAssembler assembler, OperationsClientProperties properties,
			BctrlConnectionDetails connectionDetails) {
		return assembler.build(OperationsClient.Builder.DEFAULT_NAME,
				OperationsClientSettingsFactory.create(properties, connectionDetails));
	}

	@Bean
	@ConditionalOnMissingBean
	BlockingOperationsClient blockingOperationsClient(OperationsClient operationsClient) {
		return operationsClient.blocking();
	}

	@Bean
	@ConditionalOnMissingBean(OperationsClientFactory.class)
	DefaultOperationsClientFactory operationsClientFactory(OperationsClientAssembler assembler,
			OperationsClientProperties properties, BctrlConnectionDetails connectionDetails) {
		return new DefaultOperationsClientFactory(assembler, properties,
				SingletonSupplier.of(() -> OperationsClientSettingsFactory.create(properties, connectionDetails)));
	}

	/**
	 * Builds this client's connector with Boot's {@link ClientHttpConnectorBuilder} when
	 * there is one, so that {@code spring.http.clients.*} settings (SSL bundle) and
	 * {@code ClientHttpConnectorBuilderCustomizer} beans (a proxy, for example) apply to
	 * it too. The connect timeout is {@code bctrl.api.connect-timeout}; Boot's read
	 * timeout is left out, since the attempt timeout bounds every exchange and a wait may
	 * legitimately take longer than a read timeout meant for other clients. Redirects are
	 * never followed, whatever {@code spring.http.clients.redirects} says.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientHttpConnectorBuilder.class)
	static class BootClientHttpConnectorConfiguration {

		/**
		 * Connections of the client's pool when {@code bulk.concurrency} asks for fewer:
		 * as many as Reactor Netty's global pool holds.
		 */
		private static final int MIN_POOL_CONNECTIONS = 500;

		@Bean
		@ConditionalOnBean(ClientHttpConnectorBuilder.class)
		BootClientHttpConnector bctrlClientHttpConnector(ClientHttpConnectorBuilder<?> connectorBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings, OperationsClientProperties properties,
				ObjectProvider<ReactorResourceFactory> reactorResources) {
			// Never follow a redirect: the answer must come from the configured host.
			HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(properties.getConnectTimeout(), null)
				.withRedirects(HttpRedirects.DONT_FOLLOW);
			if (!(connectorBuilder instanceof ReactorClientHttpConnectorBuilder reactor)) {
				return new BootClientHttpConnector(connectorBuilder.build(settings), null);
			}
			ConnectionProvider pool = ownPool(properties);
			ReactorResourceFactory resources = reactorResources.getIfUnique();
			LoopResources loops = (resources != null) ? resources.getLoopResources() : null;
			// A Reactor Netty wiretap would print the request, key included.
			ReactorClientHttpConnectorBuilder connector = reactor
				.withHttpClientFactory(
						() -> (loops != null) ? HttpClient.create(pool).runOn(loops) : HttpClient.create(pool))
				.withHttpClientCustomizer((client) -> client.wiretap(false));
			return new BootClientHttpConnector(connector.build(settings), pool);
		}

		/**
		 * A pool of the client's own, not the application's: {@code bulk.concurrency} is
		 * honoured as configured, and a call that finds every connection busy waits for
		 * one within its deadline instead of failing because a pending queue is full (the
		 * client's own limits are not failures of the service).
		 */
		private static ConnectionProvider ownPool(OperationsClientProperties properties) {
			return ConnectionProvider.builder("bctrl-operations")
				.maxConnections(Math.max(MIN_POOL_CONNECTIONS, properties.getBulk().getConcurrency()))
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(properties.getDeadline())
				.build();
		}

	}

	/**
	 * Masks the API key in actuator's {@code /env} and {@code /configprops}, even with
	 * {@code show-values=always}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class KeySanitizingConfiguration {

		@Bean
		SanitizingFunction bctrlApiKeySanitizingFunction(OperationsClientProperties properties) {
			return new ApiKeySanitizingFunction(properties.getKey());
		}

	}

	/**
	 * The connector of the client, when Boot builds it; a type of its own so that it
	 * never stands in for the application's {@link ClientHttpConnector}. Its connection
	 * pool, when it has one of its own, is closed with the context.
	 *
	 * @param connector the connector
	 * @param pool the connector's own pool, if any
	 */
	record BootClientHttpConnector(ClientHttpConnector connector,
			@Nullable ConnectionProvider pool) implements DisposableBean {

		@Override
		public void destroy() {
			if (this.pool != null) {
				this.pool.dispose();
			}
		}

	}

}
