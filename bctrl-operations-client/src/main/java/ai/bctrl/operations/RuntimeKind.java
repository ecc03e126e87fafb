package ai.bctrl.operations;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Kind of runtime an {@link Operation} runs in. Unknown wire values decode to
 * {@link #UNKNOWN}.
 */
public enum RuntimeKind {

	/** A browser runtime. */
	BROWSER,

	/** A desktop runtime. */
	DESKTOP,

	/** A spreadsheet runtime. */
	SPREADSHEET,

	/** A runtime kind this client version does not know. */
	UNKNOWN;

	/**
	 * The value used on the wire, for example {@code browser}.
	 * @return the lower-case wire value
	 */
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Decode a wire value; unknown, blank or {@code null} values give {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the runtime kind, never {@code null}
	 */
	@JsonCreator
	public static RuntimeKind fromWireValue(String value) {
		return WireEnums.decode(RuntimeKind.class, value, UNKNOWN);
	}

}
