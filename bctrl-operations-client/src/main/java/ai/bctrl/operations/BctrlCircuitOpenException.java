package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The circuit breaker is open after repeated failures, so the call failed at once and no
 * request was sent. Not retried; the breaker lets trial calls through after its open
 * period.
 */
public class BctrlCircuitOpenException extends BctrlException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what happened
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made before the breaker refused
	 * @param cause the breaker's refusal
	 */
	public BctrlCircuitOpenException(String message, @Nullable String operationId, int attempts,
			@Nullable Throwable cause) {
		super(message, operationId, attempts, cause);
	}

}
