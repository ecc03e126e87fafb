package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import ai.bctrl.operations.BctrlCircuitOpenException;
import ai.bctrl.operations.BctrlResponseException;
import ai.bctrl.operations.BctrlServerException;
import ai.bctrl.operations.BctrlTimeoutException;
import ai.bctrl.operations.CancelResult;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link OperationsClientAutoConfiguration}: the bean, its back-off, and every
 * {@code bctrl.api.*} property reaching the client, asserted through what a loopback
 * server receives and what the caller gets.
 */
class OperationsClientAutoConfigurationTests {

	private static final Duration BLOCK = TestResponses.BLOCK;

	private static final String INSTANCE = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;

	private static final AutoConfigurations BOOT_HTTP_CLIENT = AutoConfigurations.of(HttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class);

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY);

	private ApplicationContextRunner againstServer() {
		return this.contextRunner.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/"), "bctrl.api.retry.initial-backoff=1ms");
	}

	@Test
	void createsClientAndResilienceRegistries() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OperationsClient.class);
			assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
			assertThat(context).hasSingleBean(RetryRegistry.class);
			assertThat(context.getBean(CircuitBreakerRegistry.class).find(INSTANCE)).isPresent();
			assertThat(context.getBean(RetryRegistry.class).find(INSTANCE)).isPresent();
		});
	}

	@Test
	void defaultsMatchTheDesign() {
		this.contextRunner.run((context) -> {
			OperationsClientProperties properties = context.getBean(OperationsClientProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getBaseUrl()).isEqualTo("https://api.bctrl.ai");
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getDeadline()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getMaxResponseSize()).isEqualTo(DataSize.ofMegabytes(4));
			assertThat(properties.isAllowInsecureHttp()).isFalse();
			assertThat(properties.getRetry().isEnabled()).isTrue();
			assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(3);
			assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(200));
			assertThat(properties.getRetry().getMultiplier()).isEqualTo(2.0);
			assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getRetry().getMaxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getCircuitBreaker().isEnabled()).isTrue();
			assertThat(properties.getCircuitBreaker().getFailureRateThreshold()).isEqualTo(50f);
			assertThat(properties.getCircuitBreaker().getSlidingWindowSize()).isEqualTo(50);
			assertThat(properties.getCircuitBreaker().getMinimumNumberOfCalls()).isEqualTo(20);
			assertThat(properties.getCircuitBreaker().getWaitDurationInOpenState()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getCircuitBreaker().getPermittedCallsInHalfOpenState()).isEqualTo(5);
			assertThat(properties.getBulk().getConcurrency()).isEqualTo(16);
			assertThat(properties.getHealth().isFailOnOpenCircuit()).isFalse();
		});
	}

	@Test
	void doesNotCreateClientWhenDisabled() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class))
			.withPropertyValues("bctrl.api.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(OperationsClient.class);
				assertThat(context).doesNotHaveBean(CircuitBreakerRegistry.class);
			});
	}

	@Test
	void backsOffWhenUserDefinesOperationsClient() {
		OperationsClient userClient = mock(OperationsClient.class);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class))
			.withBean(OperationsClient.class, () -> userClient)
			.run((context) -> {
				// No key needed: the auto-configured client, which needs one, is not
				// created.
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(OperationsClient.class);
				assertThat(context.getBean(OperationsClient.class)).isSameAs(userClient);
			});
	}

	@Test
	void usesUserDefinedCircuitBreakerRegistry() {
		CircuitBreakerRegistry userRegistry = CircuitBreakerRegistry.ofDefaults();
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> userRegistry).run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
			assertThat(context.getBean(CircuitBreakerRegistry.class)).isSameAs(userRegistry);
			assertThat(userRegistry.find(INSTANCE)).isPresent();
		});
	}

	@Test
	void usesUserDefinedRetryRegistry() {
		RetryRegistry userRegistry = RetryRegistry.ofDefaults();
		this.contextRunner.withBean(RetryRegistry.class, () -> userRegistry).run((context) -> {
			assertThat(context).hasSingleBean(RetryRegistry.class);
			assertThat(context.getBean(RetryRegistry.class)).isSameAs(userRegistry);
			assertThat(userRegistry.find(INSTANCE)).isPresent();
		});
	}

	@Test
	void usesCircuitBreakerAlreadyRegisteredUnderInstanceName() {
		CircuitBreakerRegistry userRegistry = CircuitBreakerRegistry.ofDefaults();
		CircuitBreaker userBreaker = userRegistry.circuitBreaker(INSTANCE, CircuitBreakerConfig.ofDefaults());
		userBreaker.transitionToForcedOpenState();
		againstServer().withBean(CircuitBreakerRegistry.class, () -> userRegistry).run((context) -> {
			OperationsClient client = context.getBean(OperationsClient.class);
			assertThatExceptionOfType(BctrlCircuitOpenException.class)
				.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void sendsRequestsToBaseUrlWithApiKey() throws InterruptedException {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		this.contextRunner.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/bctrl-proxy/"))
			.run((context) -> {
				Operation operation = context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
			});
		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/bctrl-proxy/v1/operations/op-1/cancel");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestResponses.API_KEY);
	}

	@Test
	void bindsApiKeyFromBctrlApiKeyEnvironmentVariable() throws InterruptedException {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("BCTRL_API_KEY", "sk-from-environment"))))
			.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/"))
			.run((context) -> {
				assertThat(context.getBean(OperationsClientProperties.class).getKey()).isEqualTo("sk-from-environment");
				context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
			});
		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-from-environment");
	}

	@Test
	void retriesUpToMaxAttempts() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(TestResponses.error(503));
		}
		againstServer().withPropertyValues("bctrl.api.retry.max-attempts=2").run((context) -> {
			OperationsClient client = context.getBean(OperationsClient.class);
			assertThatExceptionOfType(BctrlServerException.class).isThrownBy(() -> client.cancel("op-1").block(BLOCK))
				.satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(2));
			assertThat(this.server.getRequestCount()).isEqualTo(2);
		});
	}

	@Test
	void doesNotRetryWhenRetryIsDisabled() {
		this.server.enqueue(TestResponses.error(503));
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withPropertyValues("bctrl.api.retry.enabled=false").run((context) -> {
			OperationsClient client = context.getBean(OperationsClient.class);
			assertThatExceptionOfType(BctrlServerException.class).isThrownBy(() -> client.cancel("op-1").block(BLOCK));
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void honoursRetryAfterOnlyUpToMaxRetryAfter() {
		this.server.enqueue(new MockResponse.Builder(TestResponses.error(503)).addHeader("Retry-After", "30").build());
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withPropertyValues("bctrl.api.retry.max-retry-after=50ms").run((context) -> {
			List<Duration> waits = new CopyOnWriteArrayList<>();
			context.getBean(RetryRegistry.class)
				.retry(INSTANCE)
				.getEventPublisher()
				.onRetry((event) -> waits.add(event.getWaitInterval()));
			Operation operation = context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
			assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
			assertThat(waits).containsExactly(Duration.ofMillis(50));
			assertThat(this.server.getRequestCount()).isEqualTo(2);
		});
	}

	@Test
	void failsAttemptAfterAttemptTimeout() {
		this.server.enqueue(new MockResponse.Builder(TestResponses.operation("op-1", "cancelling"))
			.headersDelay(2, TimeUnit.SECONDS)
			.build());
		againstServer().withPropertyValues("bctrl.api.attempt-timeout=200ms", "bctrl.api.retry.enabled=false")
			.run((context) -> {
				OperationsClient client = context.getBean(OperationsClient.class);
				// Without the property (5 s) the answer, 2 s late, would still come in
				// time.
				assertThatExceptionOfType(BctrlTimeoutException.class)
					.isThrownBy(() -> client.cancel("op-1").block(BLOCK))
					.withMessageContaining("no complete response within 0.2s");
			});
	}

	@Test
	void failsCallAfterDeadline() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(new MockResponse.Builder(TestResponses.operation("op-1", "cancelling"))
				.headersDelay(2, TimeUnit.SECONDS)
				.build());
		}
		againstServer().withPropertyValues("bctrl.api.deadline=300ms").run((context) -> {
			OperationsClient client = context.getBean(OperationsClient.class);
			assertThatExceptionOfType(BctrlTimeoutException.class).isThrownBy(() -> client.cancel("op-1").block(BLOCK))
				.withMessageContaining("deadline of 0.3s exceeded");
		});
	}

	@Test
	void rejectsResponseLargerThanMaxResponseSize() {
		String padding = "x".repeat(4096);
		this.server.enqueue(TestResponses.json(200, "{\"id\":\"op-1\",\"status\":\"running\",\"runtime\":\"" + padding
				+ "\",\"runtimeKind\":\"browser\",\"createdAt\":\"2025-06-01T10:00:00Z\"}"));
		againstServer().withPropertyValues("bctrl.api.max-response-size=1KB").run((context) -> {
			OperationsClient client = context.getBean(OperationsClient.class);
			assertThatExceptionOfType(BctrlResponseException.class)
				.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
		});
	}

	@Test
	void opensCircuitBreakerAfterConfiguredFailures() {
		this.server.enqueue(TestResponses.error(503));
		this.server.enqueue(TestResponses.error(503));
		againstServer()
			.withPropertyValues("bctrl.api.retry.enabled=false", "bctrl.api.circuit-breaker.sliding-window-size=2",
					"bctrl.api.circuit-breaker.minimum-number-of-calls=2",
					"bctrl.api.circuit-breaker.failure-rate-threshold=100")
			.run((context) -> {
				OperationsClient client = context.getBean(OperationsClient.class);
				assertThatExceptionOfType(BctrlServerException.class)
					.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
				assertThatExceptionOfType(BctrlServerException.class)
					.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
				assertThatExceptionOfType(BctrlCircuitOpenException.class)
					.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
				assertThat(this.server.getRequestCount()).isEqualTo(2);
			});
	}

	@Test
	void configuresCircuitBreakerFromProperties() {
		this.contextRunner
			.withPropertyValues("bctrl.api.circuit-breaker.failure-rate-threshold=25",
					"bctrl.api.circuit-breaker.sliding-window-size=40",
					"bctrl.api.circuit-breaker.minimum-number-of-calls=8",
					"bctrl.api.circuit-breaker.wait-duration-in-open-state=3s",
					"bctrl.api.circuit-breaker.permitted-calls-in-half-open-state=2")
			.run((context) -> {
				CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class)
					.find(INSTANCE)
					.orElseThrow()
					.getCircuitBreakerConfig();
				assertThat(config.getFailureRateThreshold()).isEqualTo(25f);
				assertThat(config.getSlidingWindowSize()).isEqualTo(40);
				assertThat(config.getMinimumNumberOfCalls()).isEqualTo(8);
				assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(3000L);
				assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
			});
	}

	@Test
	void doesNotUseCircuitBreakerWhenDisabled() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(TestResponses.error(503));
		}
		againstServer()
			.withPropertyValues("bctrl.api.retry.enabled=false", "bctrl.api.circuit-breaker.enabled=false",
					"bctrl.api.circuit-breaker.sliding-window-size=1",
					"bctrl.api.circuit-breaker.minimum-number-of-calls=1")
			.run((context) -> {
				OperationsClient client = context.getBean(OperationsClient.class);
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(BctrlServerException.class)
						.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
				}
				assertThat(this.server.getRequestCount()).isEqualTo(3);
				assertThat(context.getBean(CircuitBreakerRegistry.class).find(INSTANCE)).isEmpty();
			});
	}

	@Test
	void limitsCancelAllToBulkConcurrency() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		// The first two requests are held until both are in: a third would arrive
		// meanwhile were the bound not applied.
		CountDownLatch firstTwo = new CountDownLatch(2);
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				try {
					firstTwo.countDown();
					firstTwo.await(BLOCK.toMillis(), TimeUnit.MILLISECONDS);
					return TestResponses.operation("op", "cancelled");
				}
				finally {
					inFlight.decrementAndGet();
				}
			}

		});
		againstServer().withPropertyValues("bctrl.api.bulk.concurrency=2").run((context) -> {
			List<CancelResult> results = context.getBean(OperationsClient.class)
				.cancelAll(Flux.just("a", "b", "c", "d", "e", "f"))
				.collectList()
				.block(BLOCK);
			assertThat(results).hasSize(6).allMatch(CancelResult::isSuccess);
			assertThat(maxInFlight).hasValue(2);
		});
	}

	@Test
	void appliesBctrlWebClientCustomizersInOrderToThisClientOnly() throws InterruptedException {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
			.withUserConfiguration(CustomizersConfiguration.class)
			.run((context) -> {
				context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				context.getBean(WebClient.Builder.class)
					.build()
					.get()
					.uri(this.server.url("/other").uri())
					.retrieve()
					.toBodilessEntity()
					.block(BLOCK);
			});
		RecordedRequest bctrlRequest = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(bctrlRequest.getHeaders().get("X-Customized")).isEqualTo("second");
		RecordedRequest otherRequest = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(otherRequest.getUrl().encodedPath()).isEqualTo("/other");
		assertThat(otherRequest.getHeaders().get("X-Customized")).isNull();
	}

	@Test
	void doesNotChangeASharedWebClientBuilder() {
		WebClient.Builder shared = WebClient.builder();
		this.contextRunner.withBean(WebClient.Builder.class, () -> shared)
			.withBean(BctrlWebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Customized", "yes"))
			.run((context) -> {
				assertThat(context).hasSingleBean(OperationsClient.class);
				WebClient.Builder copy = shared.clone();
				copy.defaultHeaders((headers) -> assertThat(headers.get("X-Customized")).isNull());
			});
	}

	@Test
	void worksWithoutBootWebClientModule() {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withClassLoader(new FilteredClassLoader("org.springframework.boot.webclient"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WebClient.Builder.class);
				Operation operation = context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
			});
	}

	@Test
	void buildsTheConnectorWithBootsConnectorBuilderSoItsCustomizersApply() throws InterruptedException {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withConfiguration(BOOT_HTTP_CLIENT)
			.withBean(ClientHttpConnectorBuilderCustomizer.class,
					() -> (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) (builder) -> builder
						.withHttpClientCustomizer((httpClient) -> httpClient
							.headers((headers) -> headers.set("X-Boot-Connector", "yes"))))
			.run((context) -> {
				assertThat(context).hasSingleBean(OperationsClientAutoConfiguration.BootClientHttpConnector.class);
				context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
			});
		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request.getHeaders().get("X-Boot-Connector")).isEqualTo("yes");
	}

	@Test
	void leavesBootsReadTimeoutOutSoAWaitCanOutlastIt() {
		this.server.enqueue(new MockResponse.Builder(TestResponses.operation("op-1", "cancelled"))
			.headersDelay(400, TimeUnit.MILLISECONDS)
			.build());
		againstServer().withConfiguration(BOOT_HTTP_CLIENT)
			.withPropertyValues("spring.http.clients.read-timeout=100ms", "bctrl.api.retry.enabled=false")
			.run((context) -> {
				Operation operation = context.getBean(OperationsClient.class)
					.await("op-1", Duration.ofSeconds(1))
					.block(BLOCK);
				assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLED);
			});
	}

	@Test
	void usesItsOwnConnectorWithoutBootsHttpClientModule() {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OperationsClientAutoConfiguration.BootClientHttpConnector.class);
				Operation operation = context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		@Bean
		@Order(2)
		BctrlWebClientCustomizer secondCustomizer() {
			return (builder) -> builder.defaultHeader("X-Customized", "second");
		}

		@Bean
		@Order(1)
		BctrlWebClientCustomizer firstCustomizer() {
			return (builder) -> builder.defaultHeader("X-Customized", "first");
		}

	}

}
