package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of cancelling one id in {@link OperationsClient#cancelAll}: exactly one of
 * {@code operation} and {@code error} is non-null.
 *
 * @param operationId the id that was cancelled
 * @param operation the operation returned by the server, or {@code null} on failure
 * @param error why cancelling failed, or {@code null} on success
 */
public record CancelResult(String operationId, @Nullable Operation operation, @Nullable BctrlException error) {

	/**
	 * Create a result, checking that exactly one of operation and error is set.
	 * @param operationId the id that was cancelled
	 * @param operation the operation, or {@code null}
	 * @param error the error, or {@code null}
	 */
	public CancelResult {
		if ((operation == null) == (error == null)) {
			throw new IllegalArgumentException("Exactly one of operation and error must be non-null");
		}
	}

	/**
	 * A successful result.
	 * @param operationId the id
	 * @param operation the operation returned
	 * @return the result
	 */
	public static CancelResult success(String operationId, Operation operation) {
		return new CancelResult(operationId, operation, null);
	}

	/**
	 * A failed result.
	 * @param operationId the id
	 * @param error the error
	 * @return the result
	 */
	public static CancelResult failure(String operationId, BctrlException error) {
		return new CancelResult(operationId, null, error);
	}

	/**
	 * Whether cancelling succeeded.
	 * @return {@code true} when {@link #operation()} is set
	 */
	public boolean isSuccess() {
		return this.operation != null;
	}

}
