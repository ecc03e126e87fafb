package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * No operation with this id exists for the API key's workspace (HTTP 404). Not retried.
 */
public class OperationNotFoundException extends BctrlApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception a call for an unknown operation reports after one attempt; for
	 * example, to stub a client in a test:
	 * {@code Mono.error(new OperationNotFoundException("op_1"))}.
	 * @param operationId the operation id
	 */
	public OperationNotFoundException(String operationId) {
		this("operation " + operationId + " not found: HTTP 404 Not Found after 1 attempt", operationId, 1,
				ErrorInfo.none());
	}

	/**
	 * Create an exception for HTTP 404.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public OperationNotFoundException(String message, @Nullable String operationId, int attempts, ErrorInfo info) {
		super(message, operationId, attempts, 404, info);
	}

}
