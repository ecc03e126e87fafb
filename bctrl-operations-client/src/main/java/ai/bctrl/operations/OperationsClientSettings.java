package ai.bctrl.operations;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Immutable settings of an {@link OperationsClient}: where the API is, the key, timeouts,
 * and the resilience policy. Every value has the default of the Spring Boot property of
 * the same name ({@code bctrl.api.*}); {@link #builder()} starts from those defaults and
 * {@link Builder#build()} validates the result.
 *
 * <p>
 * {@link #toString()} never prints the API key.
 *
 * @param baseUrl base URL of the bctrl API
 * @param apiKey API key sent as {@code Authorization: Bearer <key>}
 * @param connectTimeout TCP connect timeout
 * @param attemptTimeout time limit of one attempt (request and whole response body)
 * @param deadline time limit of one call, all attempts and waits included
 * @param maxResponseSize largest response body accepted, in bytes
 * @param allowInsecureHttp whether a plain {@code http://} URL to a host other than
 * loopback is accepted
 * @param retry the retry policy
 * @param circuitBreaker the circuit breaker policy
 * @param bulkConcurrency most cancel requests in flight at once in
 * {@link OperationsClient#cancelAll}
 */
public record OperationsClientSettings(URI baseUrl, String apiKey, Duration connectTimeout, Duration attemptTimeout,
		Duration deadline, long maxResponseSize, boolean allowInsecureHttp, RetrySettings retry,
		CircuitBreakerSettings circuitBreaker, int bulkConcurrency) {

	/** Default base URL of the bctrl API. */
	public static final URI DEFAULT_BASE_URL = URI.create("https://api.bctrl.ai");

	/**
	 * Validate and create settings; prefer {@link #builder()}.
	 * @param baseUrl base URL of the bctrl API, {@code https}, or {@code http} to
	 * loopback
	 * @param apiKey API key; not blank
	 * @param connectTimeout TCP connect timeout; positive
	 * @param attemptTimeout time limit of one attempt; positive
	 * @param deadline time limit of one call; positive
	 * @param maxResponseSize largest response body accepted, in bytes; 1 to 2 GB
	 * @param allowInsecureHttp whether plain {@code http} to a host other than loopback
	 * is accepted
	 * @param retry the retry policy
	 * @param circuitBreaker the circuit breaker policy
	 * @param bulkConcurrency most cancel requests in flight in {@code cancelAll}; at
	 * least 1
	 * @throws IllegalArgumentException naming the setting, the bad value and the accepted
	 * range
	 */
	public OperationsClientSettings {
		Objects.requireNonNull(retry, "retry must not be null");
		Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		checkBaseUrl(baseUrl, allowInsecureHttp);
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException(
					"apiKey must be set: use the API key from the bctrl dashboard (the BCTRL_API_KEY environment variable)");
		}
		checkPositive("connectTimeout", connectTimeout);
		checkPositive("attemptTimeout", attemptTimeout);
		checkPositive("deadline", deadline);
		if (maxResponseSize < 1 || maxResponseSize > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"maxResponseSize must be between 1 byte and 2 GB but was " + maxResponseSize + " bytes");
		}
		checkAtLeast("bulkConcurrency", bulkConcurrency, 1);
	}

	/**
	 * Start a builder with every default.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start a builder from these settings.
	 * @return a new builder holding these values
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	@Override
	public String toString() {
		return "OperationsClientSettings[baseUrl=" + this.baseUrl + ", apiKey=" + mask(this.apiKey)
				+ ", connectTimeout=" + this.connectTimeout + ", attemptTimeout=" + this.attemptTimeout + ", deadline="
				+ this.deadline + ", maxResponseSize=" + this.maxResponseSize + ", allowInsecureHttp="
				+ this.allowInsecureHttp + ", retry=" + this.retry + ", circuitBreaker=" + this.circuitBreaker
				+ ", bulkConcurrency=" + this.bulkConcurrency + "]";
	}

	private static String mask(String key) {
		return (key != null) ? "******" : "null";
	}

	private static void checkBaseUrl(URI baseUrl, boolean allowInsecureHttp) {
		if (baseUrl == null) {
			throw new IllegalArgumentException("baseUrl must not be null");
		}
		String scheme = (baseUrl.getScheme() != null) ? baseUrl.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"https".equals(scheme) && !"http".equals(scheme) || baseUrl.getHost() == null) {
			throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL such as " + DEFAULT_BASE_URL
					+ " but was '" + baseUrl + "'");
		}
		if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
			throw new IllegalArgumentException("baseUrl must not have a query or fragment but was '" + baseUrl + "'");
		}
		if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(baseUrl.getHost())) {
			throw new IllegalArgumentException("baseUrl '" + baseUrl
					+ "' uses plain http to a host that is not loopback, which would send the API key in clear text; "
					+ "use https, or allow it explicitly with allowInsecureHttp (bctrl.api.allow-insecure-http=true)");
		}
	}

	/**
	 * Whether the host is a loopback name or address, decided without a DNS lookup.
	 * @param host the URL host
	 * @return whether the host is loopback
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return true;
		}
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (!name.matches("[0-9.]+|[0-9a-f.]*:[0-9a-f:.]*")) {
			return false;
		}
		try {
			// Literal addresses only: getByName does not resolve them through DNS.
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	static void checkPositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be a positive duration but was " + value);
		}
	}

	static void checkAtLeast(String name, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
		}
	}

	/**
	 * Retry policy: exponential backoff with full jitter, honouring {@code Retry-After}.
	 *
	 * @param enabled whether failed attempts are retried
	 * @param maxAttempts maximum number of attempts, the first call included
	 * @param initialBackoff upper bound of the first wait
	 * @param multiplier factor by which the upper bound grows for each further wait
	 * @param maxBackoff largest upper bound of a wait
	 * @param maxRetryAfter longest {@code Retry-After} honoured; longer values are
	 * clamped
	 */
	public record RetrySettings(boolean enabled, int maxAttempts, Duration initialBackoff, double multiplier,
			Duration maxBackoff, Duration maxRetryAfter) {

		/**
		 * Defaults: 3 attempts, 200 ms initial backoff doubling up to 5 s, Retry-After up
		 * to 60 s.
		 */
		public static final RetrySettings DEFAULTS = new RetrySettings(true, 3, Duration.ofMillis(200), 2.0,
				Duration.ofSeconds(5), Duration.ofSeconds(60));

		/**
		 * Validate and create retry settings.
		 * @param enabled whether failed attempts are retried
		 * @param maxAttempts maximum number of attempts, the first call included; at
		 * least 1
		 * @param initialBackoff upper bound of the first wait; positive
		 * @param multiplier growth factor of the upper bound; at least 1.0
		 * @param maxBackoff largest upper bound of a wait; positive
		 * @param maxRetryAfter longest {@code Retry-After} honoured; positive
		 * @throws IllegalArgumentException naming the setting and the accepted range
		 */
		public RetrySettings {
			checkAtLeast("retry.maxAttempts", maxAttempts, 1);
			checkPositive("retry.initialBackoff", initialBackoff);
			checkPositive("retry.maxBackoff", maxBackoff);
			checkPositive("retry.maxRetryAfter", maxRetryAfter);
			if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException("retry.multiplier must be at least 1.0 but was " + multiplier);
			}
		}

	}

	/**
	 * Circuit breaker policy: a count-based sliding window over attempts.
	 *
	 * @param enabled whether the circuit breaker is used
	 * @param failureRateThreshold failure rate in percent (1-100) at which the breaker
	 * opens
	 * @param slidingWindowSize number of attempts in the sliding window
	 * @param minimumNumberOfCalls attempts needed before the failure rate is computed
	 * @param waitDurationInOpenState how long the breaker stays open before trial calls
	 * @param permittedCallsInHalfOpenState trial calls allowed while half-open
	 */
	public record CircuitBreakerSettings(boolean enabled, float failureRateThreshold, int slidingWindowSize,
			int minimumNumberOfCalls, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {

		/**
		 * Defaults: window 50, at least 20 calls, opens at 50 %, open 10 s, 5 trial
		 * calls.
		 */
		public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(true, 50f, 50, 20,
				Duration.ofSeconds(10), 5);

		/**
		 * Validate and create circuit breaker settings.
		 * @param enabled whether the circuit breaker is used
		 * @param failureRateThreshold failure rate in percent at which the breaker opens;
		 * 1 to 100
		 * @param slidingWindowSize number of attempts in the sliding window; at least 1
		 * @param minimumNumberOfCalls attempts needed before the failure rate is
		 * computed; at least 1
		 * @param waitDurationInOpenState how long the breaker stays open; positive
		 * @param permittedCallsInHalfOpenState trial calls allowed while half-open; at
		 * least 1
		 * @throws IllegalArgumentException naming the setting and the accepted range
		 */
		public CircuitBreakerSettings {
			if (!(failureRateThreshold >= 1f && failureRateThreshold <= 100f)) {
				throw new IllegalArgumentException(
						"circuitBreaker.failureRateThreshold must be between 1 and 100 (percent) but was "
								+ failureRateThreshold);
			}
			checkAtLeast("circuitBreaker.slidingWindowSize", slidingWindowSize, 1);
			checkAtLeast("circuitBreaker.minimumNumberOfCalls", minimumNumberOfCalls, 1);
			checkPositive("circuitBreaker.waitDurationInOpenState", waitDurationInOpenState);
			checkAtLeast("circuitBreaker.permittedCallsInHalfOpenState", permittedCallsInHalfOpenState, 1);
		}

	}

	/**
	 * Builder of {@link OperationsClientSettings}, starting from the defaults.
	 */
	public static final class Builder {

		private URI baseUrl = DEFAULT_BASE_URL;

		private String apiKey;

		private Duration connectTimeout = Duration.ofSeconds(2);

		private Duration attemptTimeout = Duration.ofSeconds(5);

		private Duration deadline = Duration.ofSeconds(30);

		private long maxResponseSize = 4L * 1024 * 1024;

		private boolean allowInsecureHttp;

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULTS;

		private int bulkConcurrency = 16;

		private Builder() {
		}

		private Builder(OperationsClientSettings settings) {
			this.baseUrl = settings.baseUrl;
			this.apiKey = settings.apiKey;
			this.connectTimeout = settings.connectTimeout;
			this.attemptTimeout = settings.attemptTimeout;
			this.deadline = settings.deadline;
			this.maxResponseSize = settings.maxResponseSize;
			this.allowInsecureHttp = settings.allowInsecureHttp;
			this.retry = settings.retry;
			this.circuitBreaker = settings.circuitBreaker;
			this.bulkConcurrency = settings.bulkConcurrency;
		}

		/**
		 * Base URL of the bctrl API (default {@code https://api.bctrl.ai}).
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Base URL of the bctrl API (default {@code https://api.bctrl.ai}).
		 * @param baseUrl the base URL
		 * @return this builder
		 * @throws IllegalArgumentException if the value is not a URI
		 */
		public Builder baseUrl(String baseUrl) {
			if (baseUrl == null) {
				return baseUrl((URI) null);
			}
			try {
				return baseUrl(URI.create(baseUrl));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL such as " + DEFAULT_BASE_URL
						+ " but was '" + baseUrl + "' (" + ex.getMessage() + ")", ex);
			}
		}

		/**
		 * API key (required).
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * TCP connect timeout (default 2 s).
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Time limit of one attempt, response body included (default 5 s).
		 * @param attemptTimeout the timeout
		 * @return this builder
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * Time limit of one call, all attempts and waits included (default 30 s).
		 * @param deadline the deadline
		 * @return this builder
		 */
		public Builder deadline(Duration deadline) {
			this.deadline = deadline;
			return this;
		}

		/**
		 * Largest response body accepted, in bytes (default 4 MiB).
		 * @param maxResponseSize the size in bytes
		 * @return this builder
		 */
		public Builder maxResponseSize(long maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * Whether plain {@code http://} to a host other than loopback is accepted
		 * (default {@code false}).
		 * @param allowInsecureHttp whether to allow it
		 * @return this builder
		 */
		public Builder allowInsecureHttp(boolean allowInsecureHttp) {
			this.allowInsecureHttp = allowInsecureHttp;
			return this;
		}

		/**
		 * Retry policy (default {@link RetrySettings#DEFAULTS}).
		 * @param retry the retry settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Circuit breaker policy (default {@link CircuitBreakerSettings#DEFAULTS}).
		 * @param circuitBreaker the circuit breaker settings
		 * @return this builder
		 */
		public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
			this.circuitBreaker = circuitBreaker;
			return this;
		}

		/**
		 * Most cancel requests in flight at once in {@code cancelAll} (default 16).
		 * @param bulkConcurrency the concurrency
		 * @return this builder
		 */
		public Builder bulkConcurrency(int bulkConcurrency) {
			this.bulkConcurrency = bulkConcurrency;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws IllegalArgumentException naming the setting, the bad value and the
		 * accepted range
		 */
		public OperationsClientSettings build() {
			return new OperationsClientSettings(this.baseUrl, this.apiKey, this.connectTimeout, this.attemptTimeout,
					this.deadline, this.maxResponseSize, this.allowInsecureHttp, this.retry, this.circuitBreaker,
					this.bulkConcurrency);
		}

	}

}
