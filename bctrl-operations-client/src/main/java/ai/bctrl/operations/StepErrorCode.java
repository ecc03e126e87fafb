package ai.bctrl.operations;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Error code of a {@link StepError}. Unknown wire values decode to {@link #UNKNOWN}.
 */
public enum StepErrorCode {

	/** The call is not known to the runtime. */
	UNKNOWN_CALL,

	/** A reference could not be resolved. */
	UNKNOWN_REF,

	/** The arguments were invalid. */
	INVALID_ARGS,

	/** The runtime lacks the capability. */
	CAPABILITY_NOT_AVAILABLE,

	/** The step timed out. */
	TIMEOUT,

	/** The session was not found. */
	SESSION_NOT_FOUND,

	/** The driver is not connected. */
	DRIVER_NOT_CONNECTED,

	/** A subscription cursor conflicted. */
	SUBSCRIPTION_CURSOR_CONFLICT,

	/** The subscription is gone. */
	SUBSCRIPTION_GONE,

	/** A code this client version does not know. */
	UNKNOWN;

	/**
	 * Decode a wire value; unknown, blank or {@code null} values give {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the code, never {@code null}
	 */
	@JsonCreator
	public static StepErrorCode fromWireValue(String value) {
		return WireEnums.decode(StepErrorCode.class, value, UNKNOWN);
	}

}
