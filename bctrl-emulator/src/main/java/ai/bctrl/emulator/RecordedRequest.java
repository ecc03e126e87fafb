package ai.bctrl.emulator;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One request the emulator answered (or dropped), as kept in its request log. Requests to
 * the control API are not logged.
 *
 * @param requestId the {@code x-request-id} the emulator sent back
 * @param receivedAt when the request arrived
 * @param method the HTTP method
 * @param path the request target as sent: raw, percent-encoded, with any query
 * @param headers the request headers by lower-case name (repeated headers joined with
 * {@code ", "}); the value of {@code authorization} is masked so the key never appears
 * @param authorized whether the request carried
 * {@code Authorization: Bearer <the API key>}
 * @param body the request body as UTF-8 text, empty for none; a body longer than 1,024
 * characters is cut there and ends with a note of how many characters were left out, and
 * a body refused as too large ({@code 413}) is empty
 * @param status the status answered, or {@code 0} when the connection was reset without a
 * response
 * @param fault the fault that hit the request, or {@code null}
 */
public record RecordedRequest(String requestId, Instant receivedAt, String method, String path,
		Map<String, String> headers, boolean authorized, String body, int status, FaultKind fault) {

	/**
	 * The value of a request header.
	 * @param name the header name, case-insensitive
	 * @return the value, or {@code null} if the header was absent
	 */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Whether the request had an {@code Authorization} header, valid or not.
	 * @return whether the header was present
	 */
	public boolean hasAuthorization() {
		return this.headers.containsKey("authorization");
	}

}
