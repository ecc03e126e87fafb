package ai.bctrl.operations;

import java.time.Duration;
import java.util.Map;

/**
 * The server rejected the request as invalid (HTTP 400 or 422). Not retried.
 */
public class BctrlValidationException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception; see
	 * {@link BctrlApiException#BctrlApiException(String, String, int, int, String, String, Map, String, Duration)}.
	 * @param message what happened
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param statusCode the HTTP status code
	 * @param errorCode the server's error code, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @param details the error details, or {@code null}
	 * @param bodySnippet the start of the body, or {@code null}
	 * @param retryAfter the server's {@code Retry-After}, or {@code null}
	 */
	public BctrlValidationException(String message, String operationId, int attempts, int statusCode, String errorCode,
			String requestId, Map<String, Object> details, String bodySnippet, Duration retryAfter) {
		super(message, operationId, attempts, statusCode, errorCode, requestId, details, bodySnippet, retryAfter);
	}

}
