package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The server rejected the request as invalid (HTTP 400 or 422). Not retried.
 */
public class BctrlValidationException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for HTTP 400 or 422.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param statusCode the HTTP status code
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlValidationException(String message, @Nullable String operationId, int attempts, int statusCode,
			ErrorInfo info) {
		super(message, operationId, attempts, statusCode, info);
	}

}
