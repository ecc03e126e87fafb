package ai.bctrl.operations;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Limits for the calls of one {@link OperationsClient#withOptions(CallOptions) derived
 * client}, for example
 * {@code CallOptions.builder().deadline(Duration.ofMillis(1500)).build()} for the calls
 * made while serving a web request with a 2-second budget. Each limit is optional: one
 * that is not set is the client's. Values are checked like the settings (an
 * {@link InvalidSettingException} names the bad one).
 */
public final class CallOptions {

	private final @Nullable Duration deadline;

	private final @Nullable Duration attemptTimeout;

	private final @Nullable Integer maxAttempts;

	private CallOptions(Builder builder) {
		this.deadline = builder.deadline;
		this.attemptTimeout = builder.attemptTimeout;
		this.maxAttempts = builder.maxAttempts;
	}

	/**
	 * Start building options; none is set.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Time limit of one call, all attempts and backoff waits included.
	 * @return the deadline, or {@code null} for the client's
	 */
	public @Nullable Duration deadline() {
		return this.deadline;
	}

	/**
	 * Time limit of one attempt.
	 * @return the attempt timeout, or {@code null} for the client's
	 */
	public @Nullable Duration attemptTimeout() {
		return this.attemptTimeout;
	}

	/**
	 * Maximum number of attempts, the first included.
	 * @return the maximum number of attempts, or {@code null} for the client's
	 */
	public @Nullable Integer maxAttempts() {
		return this.maxAttempts;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || other instanceof CallOptions that && Objects.equals(this.deadline, that.deadline)
				&& Objects.equals(this.attemptTimeout, that.attemptTimeout)
				&& Objects.equals(this.maxAttempts, that.maxAttempts);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.deadline, this.attemptTimeout, this.maxAttempts);
	}

	@Override
	public String toString() {
		return "CallOptions[deadline=" + this.deadline + ", attemptTimeout=" + this.attemptTimeout + ", maxAttempts="
				+ this.maxAttempts + "]";
	}

	/**
	 * Builder of {@link CallOptions}; each value is checked when it is set.
	 */
	public static final class Builder {

		private @Nullable Duration deadline;

		private @Nullable Duration attemptTimeout;

		private @Nullable Integer maxAttempts;

		private Builder() {
		}

		/**
		 * Time limit of one call, all attempts and backoff waits included.
		 * @param deadline a positive duration
		 * @return this builder
		 * @throws InvalidSettingException if the duration is not positive
		 */
		public Builder deadline(Duration deadline) {
			this.deadline = SettingChecks.positive("deadline", deadline);
			return this;
		}

		/**
		 * Time limit of one attempt, the whole response body included.
		 * @param attemptTimeout a positive duration
		 * @return this builder
		 * @throws InvalidSettingException if the duration is not positive
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			this.attemptTimeout = SettingChecks.positive("attemptTimeout", attemptTimeout);
			return this;
		}

		/**
		 * Maximum number of attempts, the first included. Only lowers the client's
		 * {@code retry.maxAttempts}: the retry is shared with the client, so a call
		 * cannot make more attempts than the client allows (1 means no retry).
		 * @param maxAttempts between 1 and 10
		 * @return this builder
		 * @throws InvalidSettingException if the number is out of range
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = SettingChecks.between("maxAttempts", maxAttempts, 1, 10);
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CallOptions build() {
			return new CallOptions(this);
		}

	}

}
