package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * An attempt took longer than {@code attempt-timeout}, or the call as a whole ran out of
 * its {@code deadline}. Attempt timeouts are retried while the deadline allows.
 */
public class BctrlTimeoutException extends BctrlTransportException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what happened
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param cause the underlying timeout, or {@code null}
	 */
	public BctrlTimeoutException(String message, @Nullable String operationId, int attempts,
			@Nullable Throwable cause) {
		super(message, operationId, attempts, cause);
	}

}
