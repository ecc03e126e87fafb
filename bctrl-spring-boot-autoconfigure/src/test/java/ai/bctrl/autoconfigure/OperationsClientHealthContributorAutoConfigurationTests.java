package ai.bctrl.autoconfigure;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import ai.bctrl.operations.BctrlServerException;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link OperationsClientHealthContributorAutoConfiguration} and
 * {@link OperationsClientHealthIndicator}.
 */
class OperationsClientHealthContributorAutoConfigurationTests {

	private static final Duration BLOCK = TestResponses.BLOCK;

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class,
				OperationsClientHealthContributorAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY);

	@Test
	void reportsClosedCircuitBreakerAndBaseUrl() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("bctrlHealthIndicator");
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("circuitBreaker", "CLOSED")
				.containsEntry("baseUrl", "https://api.bctrl.ai")
				.containsEntry("failureRateThreshold", 50f)
				.containsEntry("bufferedCalls", 0)
				.containsEntry("failedCalls", 0)
				.containsEntry("notPermittedCalls", 0L)
				.doesNotContainKey("failureRate");
		});
	}

	@Test
	void reportsFailureRateAfterRealCalls() {
		this.server.enqueue(TestResponses.error(503));
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		this.contextRunner.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/"), "bctrl.api.retry.enabled=false",
					"bctrl.api.circuit-breaker.minimum-number-of-calls=2",
					"bctrl.api.circuit-breaker.failure-rate-threshold=60")
			.run((context) -> {
				OperationsClient client = context.getBean(OperationsClient.class);
				assertThatExceptionOfType(BctrlServerException.class)
					.isThrownBy(() -> client.cancel("op-1").block(BLOCK));
				assertThat(client.cancel("op-1").block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLING);
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("circuitBreaker", "CLOSED")
					.containsEntry("failureRate", 50f)
					.containsEntry("bufferedCalls", 2)
					.containsEntry("failedCalls", 1);
			});
	}

	@Test
	void staysUpWhileCircuitBreakerIsOpen() {
		this.contextRunner.run((context) -> {
			circuitBreaker(context).transitionToOpenState();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("circuitBreaker", "OPEN");
		});
	}

	@Test
	void reportsDownWhileCircuitBreakerIsOpenWhenFailOnOpenCircuit() {
		this.contextRunner.withPropertyValues("bctrl.api.health.fail-on-open-circuit=true").run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			circuitBreaker(context).transitionToOpenState();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("circuitBreaker", "OPEN");
			circuitBreaker(context).transitionToHalfOpenState();
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void reportsDisabledCircuitBreaker() {
		this.contextRunner.withPropertyValues("bctrl.api.circuit-breaker.enabled=false").run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("circuitBreaker", "DISABLED");
		});
	}

	@Test
	void isSwitchedOffWithManagementHealthBctrlEnabled() {
		this.contextRunner.withPropertyValues("management.health.bctrl.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(OperationsClient.class);
			assertThat(context).doesNotHaveBean("bctrlHealthIndicator");
		});
	}

	@Test
	void isAbsentWhenClientIsDisabled() {
		this.contextRunner.withPropertyValues("bctrl.api.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("bctrlHealthIndicator"));
	}

	@Test
	void isAbsentWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> {
				assertThat(context).hasSingleBean(OperationsClient.class);
				assertThat(context).doesNotHaveBean("bctrlHealthIndicator");
			});
	}

	@Test
	void backsOffWhenUserDefinesBctrlHealthIndicator() {
		HealthIndicator userIndicator = () -> Health.up().withDetail("user", true).build();
		this.contextRunner.withBean("bctrlHealthIndicator", HealthIndicator.class, () -> userIndicator)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OperationsClientHealthIndicator.class);
				assertThat(context.getBean("bctrlHealthIndicator")).isSameAs(userIndicator);
			});
	}

	@Test
	void reportsUserClientWhoseBreakerIsNotInTheRegistry() {
		this.contextRunner.withBean(OperationsClient.class, () -> mock(OperationsClient.class))
			.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
			.run((context) -> assertThat(health(context).getDetails()).containsEntry("circuitBreaker", "UNKNOWN"));
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean("bctrlHealthIndicator", HealthIndicator.class).health();
	}

	private static CircuitBreaker circuitBreaker(AssertableApplicationContext context) {
		return context.getBean(CircuitBreakerRegistry.class)
			.find(OperationsClient.Builder.RESILIENCE_INSTANCE_NAME)
			.orElseThrow();
	}

}
