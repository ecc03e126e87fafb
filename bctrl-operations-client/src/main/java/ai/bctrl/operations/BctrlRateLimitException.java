package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The API key is being rate limited (HTTP 429). Retried after the server's
 * {@code Retry-After} when it fits before the deadline; see {@link #retryAfter()}.
 */
public class BctrlRateLimitException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for HTTP 429.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlRateLimitException(String message, @Nullable String operationId, int attempts, ErrorInfo info) {
		super(message, operationId, attempts, 429, info);
	}

}
