package ai.bctrl.operations;

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
	public BctrlCircuitOpenException(String message, String operationId, int attempts, Throwable cause) {
		super(message, operationId, attempts, cause);
	}

}
