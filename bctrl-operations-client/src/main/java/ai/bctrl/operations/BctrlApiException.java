package ai.bctrl.operations;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bctrl API answered with an error status. Subclasses name the status family; the
 * accessors carry what the server said.
 */
public class BctrlApiException extends BctrlException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final String errorCode;

	private final String requestId;

	private final transient Map<String, Object> details;

	private final String bodySnippet;

	private final Duration retryAfter;

	/**
	 * Create an exception.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param statusCode the HTTP status code
	 * @param errorCode the server's error code (for example {@code operation.not_found}),
	 * or {@code null}
	 * @param requestId the server's request id, or {@code null}
	 * @param details the server's error details, or {@code null}
	 * @param bodySnippet the start of the response body, or {@code null}
	 * @param retryAfter the server's {@code Retry-After} value as sent, or {@code null}
	 */
	public BctrlApiException(String message, String operationId, int attempts, int statusCode, String errorCode,
			String requestId, Map<String, Object> details, String bodySnippet, Duration retryAfter) {
		super(message, operationId, attempts, null);
		this.statusCode = statusCode;
		this.errorCode = errorCode;
		this.requestId = requestId;
		this.details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
		this.bodySnippet = bodySnippet;
		this.retryAfter = retryAfter;
	}

	/**
	 * The HTTP status code of the response.
	 * @return the status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * The server's machine-readable error code, for example {@code operation.not_found}.
	 * @return the error code, or {@code null} when the body had none
	 */
	public String errorCode() {
		return this.errorCode;
	}

	/**
	 * The request id, from the body or the {@code x-request-id} /
	 * {@code x-bctrl-request-id} header; quote it to bctrl support.
	 * @return the request id, or {@code null}
	 */
	public String requestId() {
		return this.requestId;
	}

	/**
	 * The server's error details as plain Java values.
	 * @return the details, empty when there were none
	 */
	public Map<String, Object> details() {
		return this.details;
	}

	/**
	 * The start of the response body (at most a few hundred characters), useful when the
	 * body was not the documented JSON, for example an HTML page from a proxy.
	 * @return the body snippet, or {@code null} when the body was empty
	 */
	public String bodySnippet() {
		return this.bodySnippet;
	}

	/**
	 * The server's {@code Retry-After} value, as sent (not clamped).
	 * @return the wait the server asked for, or empty
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
