package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the bctrl {@link ai.bctrl.operations.OperationsClient}
 * ({@code bctrl.api.*}).
 *
 * <p>
 * The API key binds from the {@code BCTRL_API_KEY} environment variable through relaxed
 * binding, the variable the official bctrl SDKs read. Values are checked when the client
 * is created; an invalid one fails the application at startup with a message that names
 * the property and the accepted range.
 */
@ConfigurationProperties("bctrl.api")
public class OperationsClientProperties {

	/**
	 * Whether to auto-configure the bctrl operations client.
	 */
	private boolean enabled = true;

	/**
	 * Base URL of the bctrl API. Plain http is accepted only for a loopback host unless
	 * allow-insecure-http is set.
	 */
	private String baseUrl = "https://api.bctrl.ai";

	/**
	 * API key sent as a bearer token. Required; usually set through the BCTRL_API_KEY
	 * environment variable.
	 */
	private @Nullable String key;

	/**
	 * TCP connect timeout.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Time limit of one attempt, the whole response body included.
	 */
	private Duration attemptTimeout = Duration.ofSeconds(5);

	/**
	 * Time limit of one call, all attempts and backoff waits included.
	 */
	private Duration deadline = Duration.ofSeconds(30);

	/**
	 * Largest response body accepted; a larger one fails the call.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(4);

	/**
	 * Whether a plain http base URL to a host that is not loopback is accepted, sending
	 * the API key in clear text.
	 */
	private boolean allowInsecureHttp;

	private final Retry retry = new Retry();

	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	private final Bulk bulk = new Bulk();

	private final Health health = new Health();

	/**
	 * Further bctrl accounts, by name: each gets a client of its own from the
	 * OperationsClientFactory, with the other settings of bctrl.api.
	 */
	private final Map<String, Account> accounts = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getKey() {
		return this.key;
	}

	public void setKey(@Nullable String key) {
		this.key = key;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = attemptTimeout;
	}

	public Duration getDeadline() {
		return this.deadline;
	}

	public void setDeadline(Duration deadline) {
		this.deadline = deadline;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public boolean isAllowInsecureHttp() {
		return this.allowInsecureHttp;
	}

	public void setAllowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public Bulk getBulk() {
		return this.bulk;
	}

	public Health getHealth() {
		return this.health;
	}

	public Map<String, Account> getAccounts() {
		return this.accounts;
	}

	/**
	 * A further bctrl account: its key and, when it differs, its base URL.
	 */
	public static class Account {

		/**
		 * API key of the account, sent as a bearer token. Required.
		 */
		private @Nullable String key;

		/**
		 * Base URL of the bctrl API for the account. Defaults to the base URL of the
		 * default client.
		 */
		private @Nullable String baseUrl;

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

	}

	/**
	 * Retry of failed attempts: exponential backoff with full jitter, honouring
	 * {@code Retry-After}.
	 */
	public static class Retry {

		/**
		 * Whether failed attempts are retried.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of attempts, the first call included; between 1 and 10.
		 */
		private int maxAttempts = 3;

		/**
		 * Upper bound of the first backoff wait; each wait is random between zero and its
		 * bound.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Factor by which the backoff bound grows for each further retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Largest backoff bound.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		/**
		 * Longest Retry-After wait honoured on 429 and 503 answers; longer values are
		 * clamped to it.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(60);

		private final Budget budget = new Budget();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Budget getBudget() {
			return this.budget;
		}

	}

	/**
	 * Retry budget: one token bucket per client that bounds the share of retries in the
	 * load: with too few tokens a failed attempt is not retried.
	 */
	public static class Budget {

		/**
		 * Whether retries are limited by the retry budget.
		 */
		private boolean enabled = true;

		/**
		 * Number of tokens the retry budget holds.
		 */
		private int capacity = 500;

		/**
		 * Tokens taken from the retry budget by a retry.
		 */
		private int retryCost = 5;

		/**
		 * Tokens taken from the retry budget by a retry after a timeout.
		 */
		private int timeoutRetryCost = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public int getRetryCost() {
			return this.retryCost;
		}

		public void setRetryCost(int retryCost) {
			this.retryCost = retryCost;
		}

		public int getTimeoutRetryCost() {
			return this.timeoutRetryCost;
		}

		public void setTimeoutRetryCost(int timeoutRetryCost) {
			this.timeoutRetryCost = timeoutRetryCost;
		}

	}

	/**
	 * Circuit breaker over a count-based window of attempts.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether the circuit breaker is used.
		 */
		private boolean enabled = true;

		/**
		 * Failure rate, in percent of the attempts in the window, at which the breaker
		 * opens.
		 */
		private float failureRateThreshold = 50;

		/**
		 * Number of attempts in the sliding window.
		 */
		private int slidingWindowSize = 50;

		/**
		 * Number of attempts needed before the failure rate is computed.
		 */
		private int minimumNumberOfCalls = 20;

		/**
		 * How long the breaker stays open before it lets trial calls through.
		 */
		private Duration waitDurationInOpenState = Duration.ofSeconds(10);

		/**
		 * Number of trial calls allowed while the breaker is half-open.
		 */
		private int permittedCallsInHalfOpenState = 5;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public int getPermittedCallsInHalfOpenState() {
			return this.permittedCallsInHalfOpenState;
		}

		public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
		}

	}

	/**
	 * Bulk operations ({@code cancelAll}).
	 */
	public static class Bulk {

		/**
		 * Maximum number of cancel requests in flight at once in cancelAll.
		 */
		private int concurrency = 16;

		/**
		 * Whether cancelAll halves the requests in flight on throttling or timeouts and
		 * raises them again on successes.
		 */
		private boolean adaptive = true;

		/**
		 * Longest time an id of cancelAll waits (throttled, or for an open circuit
		 * breaker) before it fails.
		 */
		private Duration maxPause = Duration.ofSeconds(60);

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public boolean isAdaptive() {
			return this.adaptive;
		}

		public void setAdaptive(boolean adaptive) {
			this.adaptive = adaptive;
		}

		public Duration getMaxPause() {
			return this.maxPause;
		}

		public void setMaxPause(Duration maxPause) {
			this.maxPause = maxPause;
		}

	}

	/**
	 * The {@code bctrl} health contributor.
	 */
	public static class Health {

		/**
		 * Whether an open circuit breaker reports the bctrl health contributor as DOWN
		 * instead of UP.
		 */
		private boolean failOnOpenCircuit;

		public boolean isFailOnOpenCircuit() {
			return this.failOnOpenCircuit;
		}

		public void setFailOnOpenCircuit(boolean failOnOpenCircuit) {
			this.failOnOpenCircuit = failOnOpenCircuit;
		}

	}

}
