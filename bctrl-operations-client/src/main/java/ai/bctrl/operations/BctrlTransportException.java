package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * No usable HTTP response arrived: the connection was refused or reset, the host could
 * not be resolved, TLS failed, or the connection closed before the response was complete.
 * Retried, except for TLS certificate and host-name errors.
 */
public class BctrlTransportException extends BctrlException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what happened
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param cause the I/O error
	 */
	public BctrlTransportException(String message, @Nullable String operationId, int attempts,
			@Nullable Throwable cause) {
		super(message, operationId, attempts, cause);
	}

}
