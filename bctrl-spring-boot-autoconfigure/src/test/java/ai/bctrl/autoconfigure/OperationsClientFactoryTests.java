package ai.bctrl.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;

import ai.bctrl.operations.BctrlTransportException;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@link OperationsClientFactory}: several bctrl accounts from
 * {@code bctrl.api.accounts.<name>.*}, and clients created at run time, each with its own
 * breaker, retry, health line and metrics.
 */
class OperationsClientFactoryTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class,
				OperationsClientHealthContributorAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY);

	@Test
	void secondAccountSucceedsWithItsBreakerClosedWhileTheFirstAccountsServerIsDown() throws IOException {
		String down = "http://127.0.0.1:" + unusedPort();
		this.contextRunner
			.withPropertyValues("bctrl.api.retry.initial-backoff=1ms", "bctrl.api.accounts.first.key=sk-first",
					"bctrl.api.accounts.first.base-url=" + down, "bctrl.api.accounts.second.key=sk-second",
					"bctrl.api.accounts.second.base-url=" + this.server.url("/"))
			.run((context) -> {
				OperationsClientFactory factory = context.getBean(OperationsClientFactory.class);
				CircuitBreakerRegistry breakers = context.getBean(CircuitBreakerRegistry.class);
				assertThatExceptionOfType(BctrlTransportException.class)
					.isThrownBy(() -> factory.client("first").get("op-1").block(BLOCK));
				breakers.circuitBreaker("bctrl-operations-first").transitionToOpenState();
				this.server.enqueue(TestResponses.operation("op-2", "cancelling"));
				assertThat(factory.client("second").cancel("op-2").block(BLOCK).status())
					.isEqualTo(OperationStatus.CANCELLING);
				assertThat(breakers.circuitBreaker("bctrl-operations-second").getState())
					.isEqualTo(CircuitBreaker.State.CLOSED);
				RecordedRequest request = this.server.takeRequest();
				assertThat(request.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer sk-second");
			});
	}

	@Test
	void accountInheritsTheDefaultClientsBaseUrlAndSettings() {
		this.contextRunner
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/"), "bctrl.api.retry.max-attempts=2",
					"bctrl.api.retry.initial-backoff=1ms", "bctrl.api.accounts.eu.key=sk-eu")
			.run((context) -> {
				this.server.enqueue(TestResponses.error(503));
				this.server.enqueue(TestResponses.operation("op-1", "running"));
				OperationsClient eu = context.getBean(OperationsClientFactory.class).client("eu");
				assertThat(eu.get("op-1").block(BLOCK).id()).isEqualTo("op-1");
				assertThat(this.server.getRequestCount()).isEqualTo(2);
				assertThat(context.getBean(RetryRegistry.class)
					.retry("bctrl-operations-eu")
					.getRetryConfig()
					.getMaxAttempts()).isEqualTo(2);
			});
	}

	@Test
	void unknownAccountFailsWithTheConfiguredOnes() {
		this.contextRunner.withPropertyValues("bctrl.api.accounts.eu.key=sk-eu", "bctrl.api.accounts.us.key=sk-us")
			.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(OperationsClientFactory.class).client("asia"))
				.withMessage("No bctrl account named 'asia' is configured; the configured accounts are eu, us"));
	}

	@Test
	void failsToStartWithoutTheKeyOfAnAccount() {
		this.contextRunner.withPropertyValues("bctrl.api.accounts.eu.base-url=https://eu.bctrl.example")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidBctrlPropertyException.class)
					.hasMessageContaining("'bctrl.api.accounts.eu.key'");
				InvalidBctrlPropertyException failure = (InvalidBctrlPropertyException) rootCause(
						context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("bctrl.api.accounts.eu.key");
				assertThat(failure.getAction()).contains("bctrl.api.accounts.eu.key");
			});
	}

	@Test
	void failsToStartWithABadBaseUrlOfAnAccountNamingItsProperty() {
		this.contextRunner
			.withPropertyValues("bctrl.api.accounts.eu.key=sk-eu", "bctrl.api.accounts.eu.base-url=ftp://eu.example")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(((InvalidBctrlPropertyException) rootCause(context.getStartupFailure())).getProperty())
					.isEqualTo("bctrl.api.accounts.eu.base-url");
			});
	}

	@Test
	void createsATenantClientWithItsOwnKeyAndBreaker() {
		this.contextRunner.withPropertyValues("bctrl.api.base-url=" + this.server.url("/")).run((context) -> {
			OperationsClient tenant = context.getBean(OperationsClientFactory.class)
				.create("tenant-7", (settings) -> settings.apiKey("sk-tenant-7"));
			this.server.enqueue(TestResponses.operation("op-1", "running"));
			tenant.get("op-1").block(BLOCK);
			assertThat(this.server.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
				.isEqualTo("Bearer sk-tenant-7");
			assertThat(context.getBean(CircuitBreakerRegistry.class)
				.circuitBreaker("bctrl-operations-tenant-7")
				.getMetrics()
				.getNumberOfSuccessfulCalls()).isEqualTo(1);
		});
	}

	@Test
	void refusesASecondClientOfTheSameName() {
		this.contextRunner.withPropertyValues("bctrl.api.accounts.eu.key=sk-eu").run((context) -> {
			OperationsClientFactory factory = context.getBean(OperationsClientFactory.class);
			assertThatIllegalArgumentException().isThrownBy(() -> factory.create("eu", (settings) -> {
			})).withMessageContaining("'eu' exists already");
			assertThatIllegalArgumentException().isThrownBy(() -> factory.create("default", (settings) -> {
			})).withMessageContaining("'default' exists already");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void reportsOneHealthLinePerClient() {
		this.contextRunner
			.withPropertyValues("bctrl.api.accounts.eu.key=sk-eu",
					"bctrl.api.accounts.eu.base-url=https://eu.bctrl.example")
			.run((context) -> {
				context.getBean(OperationsClientFactory.class).create("tenant-7", (settings) -> {
				});
				context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("bctrl-operations-tenant-7")
					.transitionToOpenState();
				Health health = context.getBean("bctrlHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getDetails()).containsEntry("baseUrl", "https://api.bctrl.ai")
					.containsEntry("circuitBreaker", "CLOSED");
				Map<String, Map<String, Object>> clients = (Map<String, Map<String, Object>>) health.getDetails()
					.get("clients");
				assertThat(clients).containsOnlyKeys("eu", "tenant-7");
				assertThat(clients.get("eu")).containsEntry("baseUrl", "https://eu.bctrl.example")
					.containsEntry("circuitBreaker", "CLOSED");
				assertThat(clients.get("tenant-7")).containsEntry("circuitBreaker", "OPEN");
			});
	}

	@Test
	void bindsTheMetersOfEveryClient() {
		this.contextRunner.withPropertyValues("bctrl.api.accounts.eu.key=sk-eu").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			new OperationsClientResilienceMetrics(context.getBean(CircuitBreakerRegistry.class),
					context.getBean(RetryRegistry.class))
				.bindTo(registry);
			context.getBean(OperationsClientFactory.class).create("tenant-7", (settings) -> {
			});
			for (String name : new String[] { "bctrl-operations", "bctrl-operations-eu",
					"bctrl-operations-tenant-7" }) {
				assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", name).gauges()).as(name)
					.isNotEmpty();
				assertThat(registry.find("resilience4j.retry.calls").tag("name", name).meters()).as(name).isNotEmpty();
			}
		});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
