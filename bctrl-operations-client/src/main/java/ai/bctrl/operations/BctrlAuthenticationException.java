package ai.bctrl.operations;

import java.time.Duration;
import java.util.Map;

/**
 * The API key is missing or invalid (HTTP 401). Not retried: check {@code bctrl.api.key}
 * / {@code BCTRL_API_KEY}.
 */
public class BctrlAuthenticationException extends BctrlApiException {

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
	public BctrlAuthenticationException(String message, String operationId, int attempts, int statusCode,
			String errorCode, String requestId, Map<String, Object> details, String bodySnippet, Duration retryAfter) {
		super(message, operationId, attempts, statusCode, errorCode, requestId, details, bodySnippet, retryAfter);
	}

}
