package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The server or a proxy in front of it failed (HTTP 5xx). 500, 502, 503 and 504 are
 * retried.
 */
public class BctrlServerException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for HTTP 5xx.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param statusCode the HTTP status code
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlServerException(String message, @Nullable String operationId, int attempts, int statusCode,
			ErrorInfo info) {
		super(message, operationId, attempts, statusCode, info);
	}

}
