package ai.bctrl.operations;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of an {@link OperationsClient}: where the API is, the key, timeouts,
 * and the resilience policy. Every value has the default of the Spring Boot property of
 * the same name ({@code bctrl.api.*}); {@link #builder()} starts from those defaults and
 * {@link Builder#build()} validates the result, throwing an
 * {@link InvalidSettingException} that names the setting, the value and the accepted
 * range.
 *
 * <p>
 * Settings are built only through builders, so a setting added later breaks no caller.
 * {@link #toString()} never prints the API key.
 */
public final class OperationsClientSettings {

	/** Default base URL of the bctrl API. */
	public static final URI DEFAULT_BASE_URL = URI.create("https://api.bctrl.ai");

	private final URI baseUrl;

	private final String apiKey;

	private final Duration connectTimeout;

	private final Duration attemptTimeout;

	private final Duration deadline;

	private final long maxResponseSize;

	private final boolean allowInsecureHttp;

	private final RetrySettings retry;

	private final CircuitBreakerSettings circuitBreaker;

	private final BulkSettings bulk;

	private OperationsClientSettings(Builder builder) {
		this.apiKey = SettingChecks.apiKey(builder.apiKey);
		this.baseUrl = SettingChecks.baseUrl(builder.baseUrl, builder.allowInsecureHttp);
		this.connectTimeout = SettingChecks.connectTimeout(builder.connectTimeout);
		this.attemptTimeout = SettingChecks.positive("attemptTimeout", builder.attemptTimeout);
		this.deadline = SettingChecks.positive("deadline", builder.deadline);
		this.maxResponseSize = SettingChecks.maxResponseSize(builder.maxResponseSize);
		this.allowInsecureHttp = builder.allowInsecureHttp;
		this.retry = Objects.requireNonNull(builder.retry, "retry must not be null");
		this.circuitBreaker = Objects.requireNonNull(builder.circuitBreaker, "circuitBreaker must not be null");
		this.bulk = Objects.requireNonNull(builder.bulk, "bulk must not be null");
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

	/**
	 * Base URL of the bctrl API.
	 * @return the base URL
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * API key sent as {@code Authorization: Bearer <key>}.
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * TCP connect timeout.
	 * @return the timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Time limit of one attempt (request and whole response body).
	 * @return the timeout
	 */
	public Duration attemptTimeout() {
		return this.attemptTimeout;
	}

	/**
	 * Time limit of one call, all attempts and waits included.
	 * @return the deadline
	 */
	public Duration deadline() {
		return this.deadline;
	}

	/**
	 * Largest response body accepted, in bytes.
	 * @return the size in bytes
	 */
	public long maxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Whether a plain {@code http://} URL to a host other than loopback is accepted.
	 * @return whether insecure http is allowed
	 */
	public boolean allowInsecureHttp() {
		return this.allowInsecureHttp;
	}

	/**
	 * The retry policy.
	 * @return the retry settings
	 */
	public RetrySettings retry() {
		return this.retry;
	}

	/**
	 * The circuit breaker policy.
	 * @return the circuit breaker settings
	 */
	public CircuitBreakerSettings circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * How {@link OperationsClient#cancelAll} sends its requests.
	 * @return the bulk settings
	 */
	public BulkSettings bulk() {
		return this.bulk;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || other instanceof OperationsClientSettings that && this.baseUrl.equals(that.baseUrl)
				&& this.apiKey.equals(that.apiKey) && this.connectTimeout.equals(that.connectTimeout)
				&& this.attemptTimeout.equals(that.attemptTimeout) && this.deadline.equals(that.deadline)
				&& this.maxResponseSize == that.maxResponseSize && this.allowInsecureHttp == that.allowInsecureHttp
				&& this.retry.equals(that.retry) && this.circuitBreaker.equals(that.circuitBreaker)
				&& this.bulk.equals(that.bulk);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.baseUrl, this.apiKey, this.connectTimeout, this.attemptTimeout, this.deadline,
				this.maxResponseSize, this.allowInsecureHttp, this.retry, this.circuitBreaker, this.bulk);
	}

	@Override
	public String toString() {
		return "OperationsClientSettings[baseUrl=" + this.baseUrl + ", apiKey=******, connectTimeout="
				+ this.connectTimeout + ", attemptTimeout=" + this.attemptTimeout + ", deadline=" + this.deadline
				+ ", maxResponseSize=" + this.maxResponseSize + ", allowInsecureHttp=" + this.allowInsecureHttp
				+ ", retry=" + this.retry + ", circuitBreaker=" + this.circuitBreaker + ", bulk=" + this.bulk + "]";
	}

	/**
	 * Builder of {@link OperationsClientSettings}, starting from the defaults.
	 */
	public static final class Builder {

		private @Nullable URI baseUrl = DEFAULT_BASE_URL;

		private @Nullable String apiKey;

		private @Nullable Duration connectTimeout = Duration.ofSeconds(2);

		private @Nullable Duration attemptTimeout = Duration.ofSeconds(5);

		private @Nullable Duration deadline = Duration.ofSeconds(30);

		private long maxResponseSize = 4L * 1024 * 1024;

		private boolean allowInsecureHttp;

		private RetrySettings retry = RetrySettings.builder().build();

		private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.builder().build();

		private BulkSettings bulk = BulkSettings.builder().build();

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
			this.bulk = settings.bulk;
		}

		/**
		 * Base URL of the bctrl API (default {@code https://api.bctrl.ai}):
		 * {@code https}, or {@code http} to a loopback host; no user info, query or
		 * fragment.
		 * @param baseUrl the base URL
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Base URL of the bctrl API (default {@code https://api.bctrl.ai}).
		 * @param baseUrl the base URL
		 * @return this builder
		 * @throws InvalidSettingException if the value is not a URI
		 */
		public Builder baseUrl(@Nullable String baseUrl) {
			return baseUrl(SettingChecks.baseUrl(baseUrl));
		}

		/**
		 * API key (required).
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * TCP connect timeout (default 2 s), between 1 ms and 24 days.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Time limit of one attempt, response body included (default 5 s).
		 * @param attemptTimeout the timeout
		 * @return this builder
		 */
		public Builder attemptTimeout(@Nullable Duration attemptTimeout) {
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * Time limit of one call, all attempts and waits included (default 30 s).
		 * @param deadline the deadline
		 * @return this builder
		 */
		public Builder deadline(@Nullable Duration deadline) {
			this.deadline = deadline;
			return this;
		}

		/**
		 * Largest response body accepted, in bytes (default 4 MiB; 1 byte to 2 GB).
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
		 * Retry policy (default {@code RetrySettings.builder().build()}).
		 * @param retry the retry settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Circuit breaker policy (default
		 * {@code CircuitBreakerSettings.builder().build()}).
		 * @param circuitBreaker the circuit breaker settings
		 * @return this builder
		 */
		public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
			this.circuitBreaker = circuitBreaker;
			return this;
		}

		/**
		 * Settings of {@code cancelAll} (default {@code BulkSettings.builder().build()}).
		 * @param bulk the bulk settings
		 * @return this builder
		 */
		public Builder bulk(BulkSettings bulk) {
			this.bulk = bulk;
			return this;
		}

		/**
		 * Validate and build the settings.
		 * @return the settings
		 * @throws InvalidSettingException naming the setting, the bad value and the
		 * accepted range; an {@link InsecureBaseUrlException} for plain http to a host
		 * that is not loopback
		 */
		public OperationsClientSettings build() {
			return new OperationsClientSettings(this);
		}

	}

	/**
	 * Retry policy: exponential backoff with full jitter, honouring {@code Retry-After},
	 * limited by a {@link RetryBudgetSettings retry budget}.
	 */
	public static final class RetrySettings {

		private final boolean enabled;

		private final int maxAttempts;

		private final Duration initialBackoff;

		private final double multiplier;

		private final Duration maxBackoff;

		private final Duration maxRetryAfter;

		private final RetryBudgetSettings budget;

		private RetrySettings(Builder builder) {
			this.enabled = builder.enabled;
			this.maxAttempts = SettingChecks.between("retry.maxAttempts", builder.maxAttempts, 1, 10);
			this.initialBackoff = SettingChecks.positive("retry.initialBackoff", builder.initialBackoff);
			this.multiplier = SettingChecks.multiplier(builder.multiplier);
			this.maxBackoff = SettingChecks.positive("retry.maxBackoff", builder.maxBackoff);
			this.maxRetryAfter = SettingChecks.positive("retry.maxRetryAfter", builder.maxRetryAfter);
			this.budget = Objects.requireNonNull(builder.budget, "retry.budget must not be null");
		}

		/**
		 * Start a builder with the defaults: 3 attempts, 200 ms initial backoff doubling
		 * up to 5 s, {@code Retry-After} up to 60 s.
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

		/**
		 * Whether failed attempts are retried.
		 * @return whether retry is enabled
		 */
		public boolean enabled() {
			return this.enabled;
		}

		/**
		 * Maximum number of attempts, the first call included.
		 * @return the number of attempts
		 */
		public int maxAttempts() {
			return this.maxAttempts;
		}

		/**
		 * Upper bound of the first wait.
		 * @return the initial backoff
		 */
		public Duration initialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Factor by which the upper bound grows for each further wait.
		 * @return the multiplier
		 */
		public double multiplier() {
			return this.multiplier;
		}

		/**
		 * Largest upper bound of a wait.
		 * @return the maximum backoff
		 */
		public Duration maxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Longest {@code Retry-After} honoured; longer values are clamped.
		 * @return the maximum Retry-After
		 */
		public Duration maxRetryAfter() {
			return this.maxRetryAfter;
		}

		/**
		 * The retry budget shared by all calls of the client.
		 * @return the retry budget settings
		 */
		public RetryBudgetSettings budget() {
			return this.budget;
		}

		@Override
		public boolean equals(Object other) {
			return this == other || other instanceof RetrySettings that && this.enabled == that.enabled
					&& this.maxAttempts == that.maxAttempts && this.initialBackoff.equals(that.initialBackoff)
					&& Double.compare(this.multiplier, that.multiplier) == 0 && this.maxBackoff.equals(that.maxBackoff)
					&& this.maxRetryAfter.equals(that.maxRetryAfter) && this.budget.equals(that.budget);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.maxBackoff,
					this.maxRetryAfter, this.budget);
		}

		@Override
		public String toString() {
			return "RetrySettings[enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialBackoff="
					+ this.initialBackoff + ", multiplier=" + this.multiplier + ", maxBackoff=" + this.maxBackoff
					+ ", maxRetryAfter=" + this.maxRetryAfter + ", budget=" + this.budget + "]";
		}

		/**
		 * Builder of {@link RetrySettings}, starting from the defaults.
		 */
		public static final class Builder {

			private boolean enabled = true;

			private int maxAttempts = 3;

			private @Nullable Duration initialBackoff = Duration.ofMillis(200);

			private double multiplier = 2.0;

			private @Nullable Duration maxBackoff = Duration.ofSeconds(5);

			private @Nullable Duration maxRetryAfter = Duration.ofSeconds(60);

			private RetryBudgetSettings budget = RetryBudgetSettings.builder().build();

			private Builder() {
			}

			private Builder(RetrySettings settings) {
				this.enabled = settings.enabled;
				this.maxAttempts = settings.maxAttempts;
				this.initialBackoff = settings.initialBackoff;
				this.multiplier = settings.multiplier;
				this.maxBackoff = settings.maxBackoff;
				this.maxRetryAfter = settings.maxRetryAfter;
				this.budget = settings.budget;
			}

			/**
			 * Whether failed attempts are retried (default {@code true}).
			 * @param enabled whether to retry
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Maximum number of attempts, the first call included (default 3; 1 to 10).
			 * @param maxAttempts the number of attempts
			 * @return this builder
			 */
			public Builder maxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
				return this;
			}

			/**
			 * Upper bound of the first wait (default 200 ms).
			 * @param initialBackoff the initial backoff
			 * @return this builder
			 */
			public Builder initialBackoff(@Nullable Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
				return this;
			}

			/**
			 * Growth factor of the upper bound of the waits (default 2.0; at least 1.0).
			 * @param multiplier the multiplier
			 * @return this builder
			 */
			public Builder multiplier(double multiplier) {
				this.multiplier = multiplier;
				return this;
			}

			/**
			 * Largest upper bound of a wait (default 5 s).
			 * @param maxBackoff the maximum backoff
			 * @return this builder
			 */
			public Builder maxBackoff(@Nullable Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
				return this;
			}

			/**
			 * Longest {@code Retry-After} honoured (default 60 s).
			 * @param maxRetryAfter the maximum Retry-After
			 * @return this builder
			 */
			public Builder maxRetryAfter(@Nullable Duration maxRetryAfter) {
				this.maxRetryAfter = maxRetryAfter;
				return this;
			}

			/**
			 * Retry budget (default {@code RetryBudgetSettings.builder().build()}).
			 * @param budget the retry budget settings
			 * @return this builder
			 */
			public Builder budget(RetryBudgetSettings budget) {
				this.budget = budget;
				return this;
			}

			/**
			 * Validate and build the settings.
			 * @return the settings
			 * @throws InvalidSettingException naming the setting, the bad value and the
			 * accepted range
			 */
			public RetrySettings build() {
				return new RetrySettings(this);
			}

		}

	}

	/**
	 * Retry budget: one token bucket per client, shared by all its calls, so that in a
	 * long storm retries add a bounded share to the load. A retry takes
	 * {@link #retryCost()} tokens ({@link #timeoutRetryCost()} after a timeout); a call
	 * that succeeds at the first attempt puts one back. With too few tokens left a failed
	 * attempt is not retried: the call fails with its own error, whose message says the
	 * retry budget was exhausted. {@link OperationsClientMetrics} reports the tokens left
	 * and the retries refused.
	 */
	public static final class RetryBudgetSettings {

		private final boolean enabled;

		private final int capacity;

		private final int retryCost;

		private final int timeoutRetryCost;

		private RetryBudgetSettings(Builder builder) {
			this.enabled = builder.enabled;
			this.capacity = SettingChecks.atLeastOne("retry.budget.capacity", builder.capacity);
			this.retryCost = SettingChecks.atLeastOne("retry.budget.retryCost", builder.retryCost);
			this.timeoutRetryCost = SettingChecks.atLeastOne("retry.budget.timeoutRetryCost", builder.timeoutRetryCost);
		}

		/**
		 * Start a builder with the defaults: enabled, 500 tokens, a retry costs 5, a
		 * retry after a timeout 10.
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

		/**
		 * Whether retries are limited by the budget.
		 * @return whether the budget is enabled
		 */
		public boolean enabled() {
			return this.enabled;
		}

		/**
		 * Number of tokens the bucket holds.
		 * @return the capacity
		 */
		public int capacity() {
			return this.capacity;
		}

		/**
		 * Tokens taken by a retry.
		 * @return the cost of a retry
		 */
		public int retryCost() {
			return this.retryCost;
		}

		/**
		 * Tokens taken by a retry after a timeout.
		 * @return the cost of a retry after a timeout
		 */
		public int timeoutRetryCost() {
			return this.timeoutRetryCost;
		}

		@Override
		public boolean equals(Object other) {
			return this == other || other instanceof RetryBudgetSettings that && this.enabled == that.enabled
					&& this.capacity == that.capacity && this.retryCost == that.retryCost
					&& this.timeoutRetryCost == that.timeoutRetryCost;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.enabled, this.capacity, this.retryCost, this.timeoutRetryCost);
		}

		@Override
		public String toString() {
			return "RetryBudgetSettings[enabled=" + this.enabled + ", capacity=" + this.capacity + ", retryCost="
					+ this.retryCost + ", timeoutRetryCost=" + this.timeoutRetryCost + "]";
		}

		/**
		 * Builder of {@link RetryBudgetSettings}, starting from the defaults.
		 */
		public static final class Builder {

			private boolean enabled = true;

			private int capacity = 500;

			private int retryCost = 5;

			private int timeoutRetryCost = 10;

			private Builder() {
			}

			private Builder(RetryBudgetSettings settings) {
				this.enabled = settings.enabled;
				this.capacity = settings.capacity;
				this.retryCost = settings.retryCost;
				this.timeoutRetryCost = settings.timeoutRetryCost;
			}

			/**
			 * Whether retries are limited by the budget (default {@code true}).
			 * @param enabled whether the budget is enabled
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Number of tokens the bucket holds (default 500; at least 1).
			 * @param capacity the capacity
			 * @return this builder
			 */
			public Builder capacity(int capacity) {
				this.capacity = capacity;
				return this;
			}

			/**
			 * Tokens taken by a retry (default 5; at least 1).
			 * @param retryCost the cost of a retry
			 * @return this builder
			 */
			public Builder retryCost(int retryCost) {
				this.retryCost = retryCost;
				return this;
			}

			/**
			 * Tokens taken by a retry after a timeout (default 10; at least 1).
			 * @param timeoutRetryCost the cost of a retry after a timeout
			 * @return this builder
			 */
			public Builder timeoutRetryCost(int timeoutRetryCost) {
				this.timeoutRetryCost = timeoutRetryCost;
				return this;
			}

			/**
			 * Validate and build the settings.
			 * @return the settings
			 * @throws InvalidSettingException naming the setting, the bad value and the
			 * accepted range
			 */
			public RetryBudgetSettings build() {
				return new RetryBudgetSettings(this);
			}

		}

	}

	/**
	 * Circuit breaker policy: a count-based sliding window over attempts.
	 */
	public static final class CircuitBreakerSettings {

		private final boolean enabled;

		private final float failureRateThreshold;

		private final int slidingWindowSize;

		private final int minimumNumberOfCalls;

		private final Duration waitDurationInOpenState;

		private final int permittedCallsInHalfOpenState;

		private CircuitBreakerSettings(Builder builder) {
			this.enabled = builder.enabled;
			this.failureRateThreshold = SettingChecks.percentage("circuitBreaker.failureRateThreshold",
					builder.failureRateThreshold);
			this.slidingWindowSize = SettingChecks.atLeastOne("circuitBreaker.slidingWindowSize",
					builder.slidingWindowSize);
			this.minimumNumberOfCalls = SettingChecks.atLeastOne("circuitBreaker.minimumNumberOfCalls",
					builder.minimumNumberOfCalls);
			this.waitDurationInOpenState = SettingChecks.atLeastOneMilli("circuitBreaker.waitDurationInOpenState",
					builder.waitDurationInOpenState);
			this.permittedCallsInHalfOpenState = SettingChecks
				.atLeastOne("circuitBreaker.permittedCallsInHalfOpenState", builder.permittedCallsInHalfOpenState);
		}

		/**
		 * Start a builder with the defaults: window 50, at least 20 calls, opens at 50 %,
		 * open 10 s, 5 trial calls.
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

		/**
		 * Whether the circuit breaker is used.
		 * @return whether the breaker is enabled
		 */
		public boolean enabled() {
			return this.enabled;
		}

		/**
		 * Failure rate in percent (1-100) at which the breaker opens.
		 * @return the threshold
		 */
		public float failureRateThreshold() {
			return this.failureRateThreshold;
		}

		/**
		 * Number of attempts in the sliding window.
		 * @return the window size
		 */
		public int slidingWindowSize() {
			return this.slidingWindowSize;
		}

		/**
		 * Attempts needed before the failure rate is computed.
		 * @return the minimum number of calls
		 */
		public int minimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		/**
		 * How long the breaker stays open before trial calls.
		 * @return the open-state duration
		 */
		public Duration waitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		/**
		 * Trial calls allowed while half-open.
		 * @return the number of trial calls
		 */
		public int permittedCallsInHalfOpenState() {
			return this.permittedCallsInHalfOpenState;
		}

		@Override
		public boolean equals(Object other) {
			return this == other || other instanceof CircuitBreakerSettings that && this.enabled == that.enabled
					&& Float.compare(this.failureRateThreshold, that.failureRateThreshold) == 0
					&& this.slidingWindowSize == that.slidingWindowSize
					&& this.minimumNumberOfCalls == that.minimumNumberOfCalls
					&& this.waitDurationInOpenState.equals(that.waitDurationInOpenState)
					&& this.permittedCallsInHalfOpenState == that.permittedCallsInHalfOpenState;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.enabled, this.failureRateThreshold, this.slidingWindowSize,
					this.minimumNumberOfCalls, this.waitDurationInOpenState, this.permittedCallsInHalfOpenState);
		}

		@Override
		public String toString() {
			return "CircuitBreakerSettings[enabled=" + this.enabled + ", failureRateThreshold="
					+ this.failureRateThreshold + ", slidingWindowSize=" + this.slidingWindowSize
					+ ", minimumNumberOfCalls=" + this.minimumNumberOfCalls + ", waitDurationInOpenState="
					+ this.waitDurationInOpenState + ", permittedCallsInHalfOpenState="
					+ this.permittedCallsInHalfOpenState + "]";
		}

		/**
		 * Builder of {@link CircuitBreakerSettings}, starting from the defaults.
		 */
		public static final class Builder {

			private boolean enabled = true;

			private float failureRateThreshold = 50f;

			private int slidingWindowSize = 50;

			private int minimumNumberOfCalls = 20;

			private @Nullable Duration waitDurationInOpenState = Duration.ofSeconds(10);

			private int permittedCallsInHalfOpenState = 5;

			private Builder() {
			}

			private Builder(CircuitBreakerSettings settings) {
				this.enabled = settings.enabled;
				this.failureRateThreshold = settings.failureRateThreshold;
				this.slidingWindowSize = settings.slidingWindowSize;
				this.minimumNumberOfCalls = settings.minimumNumberOfCalls;
				this.waitDurationInOpenState = settings.waitDurationInOpenState;
				this.permittedCallsInHalfOpenState = settings.permittedCallsInHalfOpenState;
			}

			/**
			 * Whether the circuit breaker is used (default {@code true}).
			 * @param enabled whether the breaker is enabled
			 * @return this builder
			 */
			public Builder enabled(boolean enabled) {
				this.enabled = enabled;
				return this;
			}

			/**
			 * Failure rate in percent at which the breaker opens (default 50; 1 to 100).
			 * @param failureRateThreshold the threshold
			 * @return this builder
			 */
			public Builder failureRateThreshold(float failureRateThreshold) {
				this.failureRateThreshold = failureRateThreshold;
				return this;
			}

			/**
			 * Number of attempts in the sliding window (default 50; at least 1).
			 * @param slidingWindowSize the window size
			 * @return this builder
			 */
			public Builder slidingWindowSize(int slidingWindowSize) {
				this.slidingWindowSize = slidingWindowSize;
				return this;
			}

			/**
			 * Attempts needed before the failure rate is computed (default 20; at least
			 * 1).
			 * @param minimumNumberOfCalls the minimum number of calls
			 * @return this builder
			 */
			public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
				this.minimumNumberOfCalls = minimumNumberOfCalls;
				return this;
			}

			/**
			 * How long the breaker stays open (default 10 s; at least 1 ms).
			 * @param waitDurationInOpenState the open-state duration
			 * @return this builder
			 */
			public Builder waitDurationInOpenState(@Nullable Duration waitDurationInOpenState) {
				this.waitDurationInOpenState = waitDurationInOpenState;
				return this;
			}

			/**
			 * Trial calls allowed while half-open (default 5; at least 1).
			 * @param permittedCallsInHalfOpenState the number of trial calls
			 * @return this builder
			 */
			public Builder permittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
				this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
				return this;
			}

			/**
			 * Validate and build the settings.
			 * @return the settings
			 * @throws InvalidSettingException naming the setting, the bad value and the
			 * accepted range
			 */
			public CircuitBreakerSettings build() {
				return new CircuitBreakerSettings(this);
			}

		}

	}

	/**
	 * How {@link OperationsClient#cancelAll} sends its requests: at most
	 * {@link #concurrency()} in flight, as one caller: a {@code 429} or {@code 503} with
	 * {@code Retry-After} pauses the whole batch; when {@link #adaptive()}, every
	 * {@code 429}, {@code 503} or timeout halves the number in flight and every success
	 * raises it by one; while the circuit breaker is open, or after failures its retries
	 * could not get past, the batch waits and tries the id again, which fails only once
	 * it has waited {@link #maxPause()}.
	 */
	public static final class BulkSettings {

		private final int concurrency;

		private final boolean adaptive;

		private final Duration maxPause;

		private BulkSettings(Builder builder) {
			this.concurrency = SettingChecks.atLeastOne("bulk.concurrency", builder.concurrency);
			this.adaptive = builder.adaptive;
			this.maxPause = SettingChecks.positive("bulk.maxPause", builder.maxPause);
		}

		/**
		 * Start a builder with the defaults: 16 in flight, adaptive, pauses up to 60 s.
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

		/**
		 * Most cancel requests in flight at once.
		 * @return the concurrency
		 */
		public int concurrency() {
			return this.concurrency;
		}

		/**
		 * Whether the number in flight is halved on throttling or timeouts and raised
		 * again on successes.
		 * @return whether concurrency is adaptive
		 */
		public boolean adaptive() {
			return this.adaptive;
		}

		/**
		 * Longest time an id waits (throttled, or for an open breaker) before it fails.
		 * @return the longest pause
		 */
		public Duration maxPause() {
			return this.maxPause;
		}

		@Override
		public boolean equals(Object other) {
			return this == other || other instanceof BulkSettings that && this.concurrency == that.concurrency
					&& this.adaptive == that.adaptive && this.maxPause.equals(that.maxPause);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.concurrency, this.adaptive, this.maxPause);
		}

		@Override
		public String toString() {
			return "BulkSettings[concurrency=" + this.concurrency + ", adaptive=" + this.adaptive + ", maxPause="
					+ this.maxPause + "]";
		}

		/**
		 * Builder of {@link BulkSettings}, starting from the defaults.
		 */
		public static final class Builder {

			private int concurrency = 16;

			private boolean adaptive = true;

			private @Nullable Duration maxPause = Duration.ofSeconds(60);

			private Builder() {
			}

			private Builder(BulkSettings settings) {
				this.concurrency = settings.concurrency;
				this.adaptive = settings.adaptive;
				this.maxPause = settings.maxPause;
			}

			/**
			 * Most cancel requests in flight at once (default 16; at least 1).
			 * @param concurrency the concurrency
			 * @return this builder
			 */
			public Builder concurrency(int concurrency) {
				this.concurrency = concurrency;
				return this;
			}

			/**
			 * Whether concurrency adapts to throttling and timeouts (default
			 * {@code true}).
			 * @param adaptive whether concurrency is adaptive
			 * @return this builder
			 */
			public Builder adaptive(boolean adaptive) {
				this.adaptive = adaptive;
				return this;
			}

			/**
			 * Longest time an id waits before it fails (default 60 s).
			 * @param maxPause the longest pause
			 * @return this builder
			 */
			public Builder maxPause(@Nullable Duration maxPause) {
				this.maxPause = maxPause;
				return this;
			}

			/**
			 * Validate and build the settings.
			 * @return the settings
			 * @throws InvalidSettingException naming the setting, the bad value and the
			 * accepted range
			 */
			public BulkSettings build() {
				return new BulkSettings(this);
			}

		}

	}

}
