package ai.bctrl.emulator;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an injected {@link Fault} does to a request.
 */
public enum FaultKind {

	/**
	 * Answer with a given status, optionally with {@code Retry-After} and a custom body.
	 */
	STATUS,

	/** Wait, then answer normally. */
	LATENCY,

	/** Close the connection with a TCP reset, without a response. */
	CONNECTION_RESET,

	/**
	 * Read the request and never answer it, like a service that hangs: the request is
	 * held until the client closes the connection.
	 */
	NO_ANSWER,

	/**
	 * Send the normal response with its full {@code Content-Length} but only half the
	 * body, then close the connection.
	 */
	TRUNCATED_BODY,

	/** Answer with an HTML error page, as a reverse proxy does. */
	NON_JSON_BODY,

	/**
	 * Answer {@code 503} to every request for a time window, optionally with
	 * {@code Retry-After}.
	 */
	OUTAGE,

	/**
	 * Let through a number of requests per second and answer the others {@code 429} with
	 * {@code Retry-After}.
	 */
	RATE_LIMIT;

	/**
	 * The name used by the control API, for example {@code connection_reset}.
	 * @return the lower-case name
	 */
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parse a control API name such as {@code connection_reset} (case-insensitive).
	 * @param value the name
	 * @return the kind
	 * @throws IllegalArgumentException if the value names no kind
	 */
	public static FaultKind fromWireValue(String value) {
		for (FaultKind kind : values()) {
			if (kind.wireValue().equalsIgnoreCase(value)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown fault kind '" + value + "'; expected one of "
				+ Arrays.stream(values()).map(FaultKind::wireValue).toList());
	}

}
