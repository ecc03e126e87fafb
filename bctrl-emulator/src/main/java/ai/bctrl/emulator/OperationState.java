package ai.bctrl.emulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * Lifecycle status of an emulated operation, one constant per value of the API's
 * {@code Status} enum. The wire value is the lower-case name ({@code timed_out}).
 */
public enum OperationState {

	/** Accepted, waiting for a runtime. */
	QUEUED,

	/** Being handed to a runtime. */
	DISPATCHING,

	/** Running in its runtime. */
	RUNNING,

	/** Cancellation was requested; the runtime is stopping it. */
	CANCELLING,

	/** Finished successfully, with a result. */
	SUCCEEDED,

	/** Finished with an error and a failed step. */
	FAILED,

	/** Stopped by a cancellation request. */
	CANCELLED,

	/** Stopped because it ran out of time. */
	TIMED_OUT;

	/**
	 * Whether the operation has finished and will not change again.
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
	 * Parse a wire value such as {@code timed_out} (case-insensitive).
	 * @param value the wire value
	 * @return the state
	 * @throws IllegalArgumentException if the value names no state
	 */
	public static OperationState fromWireValue(String value) {
		for (OperationState state : values()) {
			if (state.wireValue().equalsIgnoreCase(value)) {
				return state;
			}
		}
		throw new IllegalArgumentException("Unknown operation status '" + value + "'; expected one of "
				+ Arrays.stream(values()).map(OperationState::wireValue).toList());
	}

}
