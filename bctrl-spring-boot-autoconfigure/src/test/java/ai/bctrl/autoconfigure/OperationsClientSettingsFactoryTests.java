package ai.bctrl.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import ai.bctrl.operations.OperationsClientSettings;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
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
		OperationsClientSettings expected = new OperationsClientSettings(URI.create("https://bctrl.example.com/api"),
				TestResponses.API_KEY, Duration.ofMillis(1500), Duration.ofSeconds(7), Duration.ofSeconds(45),
				512 * 1024, true,
				new RetrySettings(false, 5, Duration.ofMillis(100), 1.5, Duration.ofSeconds(2), Duration.ofSeconds(20)),
				new CircuitBreakerSettings(false, 30f, 100, 10, Duration.ofSeconds(20), 3), 4);
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

}
