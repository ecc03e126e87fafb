package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * Base of every error the {@link OperationsClient} reports. Unchecked; the message names
 * the call, what went wrong and how many attempts were made, and never contains the API
 * key.
 */
public class BctrlException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String operationId;

	private final int attempts;

	/**
	 * Create an exception.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id the call was about, or {@code null}
	 * @param attempts how many attempts (requests) were made
	 * @param cause the underlying cause, or {@code null}
	 */
	public BctrlException(String message, @Nullable String operationId, int attempts, @Nullable Throwable cause) {
		super(message, cause);
		this.operationId = operationId;
		this.attempts = attempts;
	}

	/**
	 * The operation id the failed call was about.
	 * @return the operation id, or {@code null}
	 */
	public @Nullable String operationId() {
		return this.operationId;
	}

	/**
	 * How many attempts were made before giving up; {@code 0} when no request was sent
	 * (for example, the circuit breaker was open).
	 * @return the number of attempts
	 */
	public int attempts() {
		return this.attempts;
	}

}
