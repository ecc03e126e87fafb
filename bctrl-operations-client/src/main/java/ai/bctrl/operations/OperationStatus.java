package ai.bctrl.operations;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Lifecycle status of an {@link Operation}. The wire value is the lower-case name
 * ({@code timed_out}); any value this version does not know decodes to {@link #UNKNOWN}.
 */
public enum OperationStatus {

	/** Accepted, waiting for a runtime. */
	QUEUED,

	/** Being handed to a runtime. */
	DISPATCHING,

	/** Running in its runtime. */
	RUNNING,

	/** Cancellation was requested; the runtime is stopping it. */
	CANCELLING,

	/** Finished successfully. */
	SUCCEEDED,

	/** Finished with an error. */
	FAILED,

	/** Stopped by a cancellation request. */
	CANCELLED,

	/** Stopped because it ran out of time. */
	TIMED_OUT,

	/** A status this client version does not know. */
	UNKNOWN;

	/**
	 * Whether the operation has finished and will not change status again.
	 * {@link #UNKNOWN} is not terminal: a newer server may still move it on.
	 * @return {@code true} for succeeded, failed, cancelled and timed out
	 */
	public boolean isTerminal() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
	}

	/**
	 * The value used on the wire, for example {@code timed_out}.
	 * @return the lower-case wire value
	 */
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Decode a wire value; unknown, blank or {@code null} values give {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the status, never {@code null}
	 */
	@JsonCreator
	public static OperationStatus fromWireValue(String value) {
		return WireEnums.decode(OperationStatus.class, value, UNKNOWN);
	}

}
