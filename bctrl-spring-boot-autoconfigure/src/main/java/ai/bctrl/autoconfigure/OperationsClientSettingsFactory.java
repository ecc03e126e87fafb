package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

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
	 * Create the settings of the default client from the properties alone.
	 * @param properties the properties
	 * @return the settings
	 * @throws InvalidBctrlPropertyException naming the first bad property
	 */
	static OperationsClientSettings create(OperationsClientProperties properties) {
		return create(properties, new PropertiesBctrlConnectionDetails(properties));
	}

	/**
	 * Create the settings of the default client: where it connects and with which key
	 * from the connection details, the rest from the properties.
	 * @param properties the properties
	 * @param connectionDetails the connection details
	 * @return the settings
	 * @throws InvalidBctrlPropertyException naming the first bad property
	 */
	static OperationsClientSettings create(OperationsClientProperties properties,
			BctrlConnectionDetails connectionDetails) {
		// The properties' own details pass the text on as configured, so that a malformed
		// URL is reported under its property.
		String baseUrl = (connectionDetails instanceof PropertiesBctrlConnectionDetails) ? trim(properties.getBaseUrl())
				: String.valueOf(connectionDetails.baseUrl());
		String key = (connectionDetails instanceof PropertiesBctrlConnectionDetails) ? properties.getKey()
				: connectionDetails.apiKey();
		try {
			return settings(properties).baseUrl(baseUrl).apiKey(key).build();
		}
		catch (InsecureBaseUrlException ex) {
			throw InvalidBctrlPropertyException.insecureBaseUrl(BASE_URL, baseUrl);
		}
		catch (InvalidSettingException ex) {
			if (ex.path().equals("apiKey")) {
				throw InvalidBctrlPropertyException.missingApiKey();
			}
			throw InvalidBctrlPropertyException.invalidValue(property(ex.path()), print(ex.value()), ex.requirement());
		}
	}

	/**
	 * Create the settings of a further account: its key and base URL from
	 * {@code bctrl.api.accounts.<name>.*}, the rest as the default client's.
	 * @param properties the properties
	 * @param defaultSettings the settings of the default client
	 * @param name the account's name
	 * @param account the account's properties
	 * @return the settings
	 * @throws InvalidBctrlPropertyException naming the first bad property
	 */
	static OperationsClientSettings createAccount(OperationsClientProperties properties,
			OperationsClientSettings defaultSettings, String name, OperationsClientProperties.Account account) {
		String baseUrlProperty = (account.getBaseUrl() != null) ? accountProperty(name, "base-url") : BASE_URL;
		String baseUrl = (account.getBaseUrl() != null) ? trim(account.getBaseUrl())
				: defaultSettings.baseUrl().toString();
		try {
			return defaultSettings.toBuilder().baseUrl(baseUrl).apiKey(account.getKey()).build();
		}
		catch (InsecureBaseUrlException ex) {
			throw InvalidBctrlPropertyException.insecureBaseUrl(baseUrlProperty, baseUrl);
		}
		catch (InvalidSettingException ex) {
			if (ex.path().equals("apiKey")) {
				throw InvalidBctrlPropertyException.missingAccountKey(name);
			}
			String property = ex.path().equals("baseUrl") ? baseUrlProperty : property(ex.path());
			throw InvalidBctrlPropertyException.invalidValue(property, print(ex.value()), ex.requirement());
		}
	}

	/**
	 * The property of a further account, for example {@code bctrl.api.accounts.eu.key}.
	 * @param account the account's name
	 * @param name the property's name within the account
	 * @return the property name
	 */
	static String accountProperty(String account, String name) {
		return PREFIX + "accounts." + account + "." + name;
	}

	private static OperationsClientSettings.Builder settings(OperationsClientProperties properties) {
		OperationsClientProperties.Retry retry = properties.getRetry();
		OperationsClientProperties.Budget budget = retry.getBudget();
		OperationsClientProperties.CircuitBreaker breaker = properties.getCircuitBreaker();
		OperationsClientProperties.Bulk bulk = properties.getBulk();
		return OperationsClientSettings.builder()
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
				.build());
	}

	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.trim() : null;
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
