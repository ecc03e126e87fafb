package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import ai.bctrl.operations.InsecureBaseUrlException;
import ai.bctrl.operations.InvalidSettingException;
import ai.bctrl.operations.OperationsClientSettings;
import ai.bctrl.operations.OperationsClientSettings.BulkSettings;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetryBudgetSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

/**
 * Maps {@link OperationsClientProperties} one to one onto
 * {@link OperationsClientSettings}. The settings check their own values; a refused one is
 * reported here under its property name ({@code retry.maxAttempts} becomes
 * {@code bctrl.api.retry.max-attempts}).
 */
final class OperationsClientSettingsFactory {

	static final String PREFIX = "bctrl.api.";

	static final String ENABLED = PREFIX + "enabled";

	static final String BASE_URL = PREFIX + "base-url";

	static final String KEY = PREFIX + "key";

	static final String ALLOW_INSECURE_HTTP = PREFIX + "allow-insecure-http";

	private OperationsClientSettingsFactory() {
	}

	/**
	 * Create the settings from the properties.
	 * @param properties the properties
	 * @return the settings
	 * @throws InvalidBctrlPropertyException naming the first bad property
	 */
	static OperationsClientSettings create(OperationsClientProperties properties) {
		try {
			return settings(properties);
		}
		catch (InsecureBaseUrlException ex) {
			throw InvalidBctrlPropertyException.insecureBaseUrl(properties.getBaseUrl());
		}
		catch (InvalidSettingException ex) {
			if (ex.path().equals("apiKey")) {
				throw InvalidBctrlPropertyException.missingApiKey();
			}
			throw InvalidBctrlPropertyException.invalidValue(property(ex.path()), print(ex.value()), ex.requirement());
		}
	}

	private static OperationsClientSettings settings(OperationsClientProperties properties) {
		OperationsClientProperties.Retry retry = properties.getRetry();
		OperationsClientProperties.Budget budget = retry.getBudget();
		OperationsClientProperties.CircuitBreaker breaker = properties.getCircuitBreaker();
		OperationsClientProperties.Bulk bulk = properties.getBulk();
		String baseUrl = properties.getBaseUrl();
		return OperationsClientSettings.builder()
			.apiKey(properties.getKey())
			.baseUrl((baseUrl != null) ? baseUrl.trim() : null)
			.connectTimeout(properties.getConnectTimeout())
			.attemptTimeout(properties.getAttemptTimeout())
			.deadline(properties.getDeadline())
			.maxResponseSize(bytes(properties.getMaxResponseSize()))
			.allowInsecureHttp(properties.isAllowInsecureHttp())
			.retry(RetrySettings.builder()
				.enabled(retry.isEnabled())
				.maxAttempts(retry.getMaxAttempts())
				.initialBackoff(retry.getInitialBackoff())
				.multiplier(retry.getMultiplier())
				.maxBackoff(retry.getMaxBackoff())
				.maxRetryAfter(retry.getMaxRetryAfter())
				.budget(RetryBudgetSettings.builder()
					.enabled(budget.isEnabled())
					.capacity(budget.getCapacity())
					.retryCost(budget.getRetryCost())
					.timeoutRetryCost(budget.getTimeoutRetryCost())
					.build())
				.build())
			.circuitBreaker(CircuitBreakerSettings.builder()
				.enabled(breaker.isEnabled())
				.failureRateThreshold(breaker.getFailureRateThreshold())
				.slidingWindowSize(breaker.getSlidingWindowSize())
				.minimumNumberOfCalls(breaker.getMinimumNumberOfCalls())
				.waitDurationInOpenState(breaker.getWaitDurationInOpenState())
				.permittedCallsInHalfOpenState(breaker.getPermittedCallsInHalfOpenState())
				.build())
			.bulk(BulkSettings.builder()
				.concurrency(bulk.getConcurrency())
				.adaptive(bulk.isAdaptive())
				.maxPause(bulk.getMaxPause())
				.build())
			.build();
	}

	/**
	 * The property of a setting path: {@code circuitBreaker.slidingWindowSize} becomes
	 * {@code bctrl.api.circuit-breaker.sliding-window-size}; the key is {@code key}.
	 * @param path the setting's path
	 * @return the property name
	 */
	static String property(String path) {
		if (path.equals("apiKey")) {
			return KEY;
		}
		return PREFIX + path.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static long bytes(DataSize value) {
		// Missing is refused by the settings like any other value out of range.
		return (value != null) ? value.toBytes() : 0;
	}

	private static Object print(Object value) {
		if (value == null) {
			return "";
		}
		return (value instanceof Duration duration) ? DurationStyle.SIMPLE.print(duration) : value;
	}

}
