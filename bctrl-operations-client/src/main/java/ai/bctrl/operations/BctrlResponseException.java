package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The server answered 2xx but the body could not be used: it was not the documented JSON,
 * or it was larger than {@code max-response-size}. Not retried.
 */
public class BctrlResponseException extends BctrlException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what happened
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param cause the decoding error
	 */
	public BctrlResponseException(String message, @Nullable String operationId, int attempts,
			@Nullable Throwable cause) {
		super(message, operationId, attempts, cause);
	}

}
