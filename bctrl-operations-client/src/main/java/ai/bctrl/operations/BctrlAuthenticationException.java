package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The API key is missing or invalid (HTTP 401). Not retried: check {@code bctrl.api.key}
 * / {@code BCTRL_API_KEY}.
 */
public class BctrlAuthenticationException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for HTTP 401.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlAuthenticationException(String message, @Nullable String operationId, int attempts, ErrorInfo info) {
		super(message, operationId, attempts, 401, info);
	}

}
