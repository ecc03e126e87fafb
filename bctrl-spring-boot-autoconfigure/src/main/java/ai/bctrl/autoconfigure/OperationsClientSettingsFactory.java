package ai.bctrl.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import ai.bctrl.operations.OperationsClientSettings;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

/**
 * Maps {@link OperationsClientProperties} one to one onto
 * {@link OperationsClientSettings}, checking every value first so that a bad one is
 * reported under its property name with the accepted range.
 */
final class OperationsClientSettingsFactory {

	static final String PREFIX = "bctrl.api.";

	static final String ENABLED = PREFIX + "enabled";

	static final String BASE_URL = PREFIX + "base-url";

	static final String KEY = PREFIX + "key";

	static final String ALLOW_INSECURE_HTTP = PREFIX + "allow-insecure-http";

	private static final String POSITIVE_DURATION = "a positive duration, such as 500ms or 5s";

	private static final String AT_LEAST_ONE = "an integer of at least 1";

	/** Netty takes the connect timeout as an int of milliseconds. */
	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	private OperationsClientSettingsFactory() {
	}

	/**
	 * Check the properties and create the settings.
	 * @param properties the properties
	 * @return the settings
	 * @throws InvalidBctrlPropertyException naming the first bad property
	 */
	static OperationsClientSettings create(OperationsClientProperties properties) {
		String key = properties.getKey();
		if (key == null || key.isBlank()) {
			throw InvalidBctrlPropertyException.missingApiKey();
		}
		URI baseUrl = baseUrl(properties.getBaseUrl());
		Duration connectTimeout = properties.getConnectTimeout();
		if (connectTimeout == null || connectTimeout.toMillis() < 1
				|| connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + "connect-timeout", print(connectTimeout),
					"a duration between 1ms and 24d, such as 2s");
		}
		OperationsClientProperties.Retry retry = properties.getRetry();
		OperationsClientProperties.CircuitBreaker breaker = properties.getCircuitBreaker();
		OperationsClientSettings.Builder settings = OperationsClientSettings.builder()
			.baseUrl(baseUrl)
			.apiKey(key)
			.connectTimeout(connectTimeout)
			.attemptTimeout(positive("attempt-timeout", properties.getAttemptTimeout()))
			.deadline(positive("deadline", properties.getDeadline()))
			.maxResponseSize(maxResponseSize(properties.getMaxResponseSize()))
			.allowInsecureHttp(properties.isAllowInsecureHttp())
			.retry(new RetrySettings(retry.isEnabled(), atLeastOne("retry.max-attempts", retry.getMaxAttempts()),
					positive("retry.initial-backoff", retry.getInitialBackoff()), multiplier(retry.getMultiplier()),
					positive("retry.max-backoff", retry.getMaxBackoff()),
					positive("retry.max-retry-after", retry.getMaxRetryAfter())))
			.circuitBreaker(new CircuitBreakerSettings(breaker.isEnabled(),
					failureRateThreshold(breaker.getFailureRateThreshold()),
					atLeastOne("circuit-breaker.sliding-window-size", breaker.getSlidingWindowSize()),
					atLeastOne("circuit-breaker.minimum-number-of-calls", breaker.getMinimumNumberOfCalls()),
					waitDurationInOpenState(breaker.getWaitDurationInOpenState()),
					atLeastOne("circuit-breaker.permitted-calls-in-half-open-state",
							breaker.getPermittedCallsInHalfOpenState())))
			.bulkConcurrency(atLeastOne("bulk.concurrency", properties.getBulk().getConcurrency()));
		try {
			return settings.build();
		}
		catch (IllegalArgumentException ex) {
			// Every other value has been checked above: what is left is the client's own
			// rule that plain http must go to a loopback host unless explicitly allowed.
			if ("http".equals(baseUrl.getScheme().toLowerCase(Locale.ROOT)) && !properties.isAllowInsecureHttp()) {
				throw InvalidBctrlPropertyException.insecureBaseUrl(properties.getBaseUrl());
			}
			throw ex;
		}
	}

	private static URI baseUrl(String value) {
		String requirement = "an absolute http or https URL without query or fragment, such as "
				+ OperationsClientSettings.DEFAULT_BASE_URL;
		if (value == null || value.isBlank()) {
			throw InvalidBctrlPropertyException.invalidValue(BASE_URL, "", requirement);
		}
		try {
			URI uri = new URI(value.trim());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null
					&& uri.getRawFragment() == null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw InvalidBctrlPropertyException.invalidValue(BASE_URL, value, requirement);
	}

	private static Duration positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + name, print(value), POSITIVE_DURATION);
		}
		return value;
	}

	private static Duration waitDurationInOpenState(Duration value) {
		// Resilience4j counts the open state in whole milliseconds.
		if (value == null || value.toMillis() < 1) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + "circuit-breaker.wait-duration-in-open-state",
					print(value), "a duration of at least 1ms, such as 10s");
		}
		return value;
	}

	private static int atLeastOne(String name, int value) {
		if (value < 1) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + name, value, AT_LEAST_ONE);
		}
		return value;
	}

	private static double multiplier(double value) {
		if (!(value >= 1.0) || Double.isInfinite(value)) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + "retry.multiplier", value,
					"a number of at least 1.0, such as 2.0");
		}
		return value;
	}

	private static float failureRateThreshold(float value) {
		if (!(value >= 1f && value <= 100f)) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + "circuit-breaker.failure-rate-threshold", value,
					"a percentage between 1 and 100");
		}
		return value;
	}

	private static long maxResponseSize(DataSize value) {
		if (value == null || value.toBytes() < 1 || value.toBytes() > Integer.MAX_VALUE) {
			throw InvalidBctrlPropertyException.invalidValue(PREFIX + "max-response-size", value,
					"a size between 1B and 2047MB, such as 4MB");
		}
		return value.toBytes();
	}

	private static String print(Duration value) {
		return (value != null) ? DurationStyle.SIMPLE.print(value) : "";
	}

}
