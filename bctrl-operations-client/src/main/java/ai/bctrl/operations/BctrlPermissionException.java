package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The API key may not access this operation (HTTP 403). Not retried.
 */
public class BctrlPermissionException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for HTTP 403.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlPermissionException(String message, @Nullable String operationId, int attempts, ErrorInfo info) {
		super(message, operationId, attempts, 403, info);
	}

}
