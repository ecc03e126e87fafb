package ai.bctrl.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import ai.bctrl.operations.OperationsClientSettings;
import ai.bctrl.operations.OperationsClientSettings.BulkSettings;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetryBudgetSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OperationsClientSettingsFactory}: properties map one to one onto the
 * client's settings.
 */
class OperationsClientSettingsFactoryTests {

	@Test
	void defaultPropertiesGiveDefaultSettings() {
		OperationsClientProperties properties = new OperationsClientProperties();
		properties.setKey(TestResponses.API_KEY);
		assertThat(OperationsClientSettingsFactory.create(properties))
			.isEqualTo(OperationsClientSettings.builder().apiKey(TestResponses.API_KEY).build());
	}

	@Test
	void mapsEveryPropertyOntoItsSetting() {
		OperationsClientProperties properties = new OperationsClientProperties();
		properties.setBaseUrl("https://bctrl.example.com/api");
		properties.setKey(TestResponses.API_KEY);
		properties.setConnectTimeout(Duration.ofMillis(1500));
		properties.setAttemptTimeout(Duration.ofSeconds(7));
		properties.setDeadline(Duration.ofSeconds(45));
		properties.setMaxResponseSize(DataSize.ofKilobytes(512));
		properties.setAllowInsecureHttp(true);
		properties.getRetry().setEnabled(false);
		properties.getRetry().setMaxAttempts(5);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(100));
		properties.getRetry().setMultiplier(1.5);
		properties.getRetry().setMaxBackoff(Duration.ofSeconds(2));
		properties.getRetry().setMaxRetryAfter(Duration.ofSeconds(20));
		properties.getCircuitBreaker().setEnabled(false);
		properties.getCircuitBreaker().setFailureRateThreshold(30);
		properties.getCircuitBreaker().setSlidingWindowSize(100);
		properties.getCircuitBreaker().setMinimumNumberOfCalls(10);
		properties.getCircuitBreaker().setWaitDurationInOpenState(Duration.ofSeconds(20));
		properties.getCircuitBreaker().setPermittedCallsInHalfOpenState(3);
		properties.getBulk().setConcurrency(4);
		properties.getRetry().getBudget().setEnabled(false);
		properties.getRetry().getBudget().setCapacity(100);
		properties.getRetry().getBudget().setRetryCost(2);
		properties.getRetry().getBudget().setTimeoutRetryCost(4);
		properties.getBulk().setAdaptive(false);
		properties.getBulk().setMaxPause(Duration.ofSeconds(15));
		OperationsClientSettings expected = OperationsClientSettings.builder()
			.baseUrl(URI.create("https://bctrl.example.com/api"))
			.apiKey(TestResponses.API_KEY)
			.connectTimeout(Duration.ofMillis(1500))
			.attemptTimeout(Duration.ofSeconds(7))
			.deadline(Duration.ofSeconds(45))
			.maxResponseSize(512 * 1024)
			.allowInsecureHttp(true)
			.retry(RetrySettings.builder()
				.enabled(false)
				.maxAttempts(5)
				.initialBackoff(Duration.ofMillis(100))
				.multiplier(1.5)
				.maxBackoff(Duration.ofSeconds(2))
				.maxRetryAfter(Duration.ofSeconds(20))
				.budget(RetryBudgetSettings.builder()
					.enabled(false)
					.capacity(100)
					.retryCost(2)
					.timeoutRetryCost(4)
					.build())
				.build())
			.circuitBreaker(CircuitBreakerSettings.builder()
				.enabled(false)
				.failureRateThreshold(30f)
				.slidingWindowSize(100)
				.minimumNumberOfCalls(10)
				.waitDurationInOpenState(Duration.ofSeconds(20))
				.permittedCallsInHalfOpenState(3)
				.build())
			.bulk(BulkSettings.builder().concurrency(4).adaptive(false).maxPause(Duration.ofSeconds(15)).build())
			.build();
		assertThat(OperationsClientSettingsFactory.create(properties)).isEqualTo(expected);
	}

	@Test
	void acceptsPlainHttpToLoopbackHosts() {
		for (String url : new String[] { "http://localhost:8787", "http://127.0.0.1:8787", "http://[::1]:8787" }) {
			OperationsClientProperties properties = new OperationsClientProperties();
			properties.setKey(TestResponses.API_KEY);
			properties.setBaseUrl(url);
			assertThat(OperationsClientSettingsFactory.create(properties).baseUrl()).isEqualTo(URI.create(url));
		}
	}

	@Test
	void mapsSettingPathsToPropertyNames() {
		assertThat(OperationsClientSettingsFactory.property("retry.maxAttempts"))
			.isEqualTo("bctrl.api.retry.max-attempts");
		assertThat(OperationsClientSettingsFactory.property("circuitBreaker.permittedCallsInHalfOpenState"))
			.isEqualTo("bctrl.api.circuit-breaker.permitted-calls-in-half-open-state");
		assertThat(OperationsClientSettingsFactory.property("retry.budget.timeoutRetryCost"))
			.isEqualTo("bctrl.api.retry.budget.timeout-retry-cost");
		assertThat(OperationsClientSettingsFactory.property("baseUrl")).isEqualTo("bctrl.api.base-url");
		assertThat(OperationsClientSettingsFactory.property("apiKey")).isEqualTo("bctrl.api.key");
	}

}
