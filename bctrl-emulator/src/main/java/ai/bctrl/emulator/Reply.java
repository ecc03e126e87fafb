package ai.bctrl.emulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A complete response, decided before anything is written.
 *
 * @param status the HTTP status
 * @param contentType the content type, or {@code null} for no body
 * @param headers further headers
 * @param body the body, empty for none
 */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

	static final String JSON = "application/json";

	static Reply json(int status, Object body) {
		return new Reply(status, JSON, Map.of(), Json.write(body));
	}

	static Reply noContent() {
		return new Reply(204, null, Map.of(), new byte[0]);
	}

	/**
	 * An error in the documented shape; {@code requestId} equals the {@code x-request-id}
	 * header.
	 */
	static Reply error(int status, String code, String message, String requestId) {
		return json(status, new Wire.ErrorBody(message, code, requestId, null));
	}

	static Reply error(int status, String code, String message, String requestId, Map<String, Object> details) {
		return json(status, new Wire.ErrorBody(message, code, requestId, details));
	}

	/** What a reverse proxy in front of the API sends when the upstream fails. */
	static Reply html(int status) {
		String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
		String body = "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<center><h1>"
				+ status + " " + reason + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
		return new Reply(status, "text/html", Map.of(), body.getBytes(StandardCharsets.UTF_8));
	}

	Reply withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Reply(this.status, this.contentType, headers, this.body);
	}

}
