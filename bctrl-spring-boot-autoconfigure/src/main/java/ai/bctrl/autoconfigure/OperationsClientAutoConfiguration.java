package ai.bctrl.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.resources.ConnectionProvider;

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

		private static final Log logger = LogFactory.getLog(OperationsClientAutoConfiguration.class);

		@Bean
		@ConditionalOnBean(ClientHttpConnectorBuilder.class)
		BootClientHttpConnector bctrlClientHttpConnector(ClientHttpConnectorBuilder<?> connectorBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings, OperationsClientProperties properties,
				ObjectProvider<ReactorResourceFactory> reactorResources) {
			if (connectorBuilder instanceof ReactorClientHttpConnectorBuilder) {
				reactorResources.ifUnique((resources) -> warnIfPoolLimitsBulkConcurrency(resources,
						properties.getBulk().getConcurrency()));
			}
			// Never follow a redirect: the answer must come from the configured host.
			HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(properties.getConnectTimeout(), null)
				.withRedirects(HttpRedirects.DONT_FOLLOW);
			return new BootClientHttpConnector(withoutWiretap(connectorBuilder).build(settings));
		}

		/**
		 * {@code bulk.concurrency} is honoured as configured; a connector whose pool
		 * holds fewer connections says so, once, at startup.
		 */
		private static void warnIfPoolLimitsBulkConcurrency(ReactorResourceFactory resources, int concurrency) {
			ConnectionProvider pool = resources.getConnectionProvider();
			int maxConnections = (pool != null) ? pool.maxConnections() : -1;
			if (maxConnections > 0 && concurrency > maxConnections) {
				logger.warn("bctrl.api.bulk.concurrency is " + concurrency
						+ " but the Reactor Netty connection pool of the application's connector holds "
						+ maxConnections + " connections per host: cancelAll will have at most " + maxConnections
						+ " requests in flight (raise the pool's maxConnections, for example with the"
						+ " reactor.netty.pool.maxConnections system property, or lower bctrl.api.bulk.concurrency)");
			}
		}

		/**
		 * A Reactor Netty wiretap would print the request, key included: never on this
		 * client's connector.
		 */
		private static ClientHttpConnectorBuilder<?> withoutWiretap(ClientHttpConnectorBuilder<?> connectorBuilder) {
			return (connectorBuilder instanceof ReactorClientHttpConnectorBuilder reactor)
					? reactor.withHttpClientCustomizer((client) -> client.wiretap(false)) : connectorBuilder;
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
	 * never stands in for the application's {@link ClientHttpConnector}.
	 *
	 * @param connector the connector
	 */
	record BootClientHttpConnector(ClientHttpConnector connector) {
	}

}
