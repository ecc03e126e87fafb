package ai.bctrl.operations;

import java.time.Duration;
import java.util.Map;

/**
 * The API key is being rate limited (HTTP 429). Retried after the server's
 * {@code Retry-After} when it fits before the deadline; see {@link #retryAfter()}.
 */
public class BctrlRateLimitException extends BctrlApiException {

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
	public BctrlRateLimitException(String message, String operationId, int attempts, int statusCode, String errorCode,
			String requestId, Map<String, Object> details, String bodySnippet, Duration retryAfter) {
		super(message, operationId, attempts, statusCode, errorCode, requestId, details, bodySnippet, retryAfter);
	}

}
