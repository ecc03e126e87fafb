package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * The request conflicts with the operation's current state (HTTP 409). Not retried.
 */
public class BctrlConflictException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for HTTP 409.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlConflictException(String message, @Nullable String operationId, int attempts, ErrorInfo info) {
		super(message, operationId, attempts, 409, info);
	}

}
