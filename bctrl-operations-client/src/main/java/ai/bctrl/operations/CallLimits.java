package ai.bctrl.operations;

import java.time.Duration;

/**
 * The limits a client applies to each of its calls: the settings', or those of
 * {@link CallOptions} on a derived client.
 *
 * @param attemptTimeout time limit of one attempt
 * @param deadline time limit of one call
 * @param maxAttempts maximum number of attempts, the first included
 */
record CallLimits(Duration attemptTimeout, Duration deadline, int maxAttempts) {

	static CallLimits of(OperationsClientSettings settings) {
		return new CallLimits(settings.attemptTimeout(), settings.deadline(), settings.retry().maxAttempts());
	}

	/**
	 * These limits with those the options set.
	 */
	CallLimits with(CallOptions options) {
		return new CallLimits((options.attemptTimeout() != null) ? options.attemptTimeout() : this.attemptTimeout,
				(options.deadline() != null) ? options.deadline() : this.deadline,
				(options.maxAttempts() != null) ? options.maxAttempts() : this.maxAttempts);
	}

}
