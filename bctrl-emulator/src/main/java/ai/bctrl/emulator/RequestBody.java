package ai.bctrl.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Reads a request body up to a size limit: a larger body is read to its end and discarded
 * as it arrives, so its size never reaches memory, and the request is answered
 * {@code 413}.
 */
final class RequestBody {

	/** Largest body accepted, by the API and the control API alike. */
	static final int MAX_BYTES = 64 * 1024;

	/** Longest body text kept in the request log. */
	static final int LOGGED_CHARS = 1024;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private boolean tooLarge;

	private RequestBody() {
	}

	/**
	 * The body as UTF-8 text, empty for none.
	 * @return the text, or an error {@link TooLargeException} once the whole body has
	 * been read
	 */
	static Mono<String> read(HttpServerRequest request) {
		return request.receive()
			.asByteArray()
			.collect(RequestBody::new, RequestBody::append)
			.flatMap((body) -> body.tooLarge ? Mono.error(new TooLargeException())
					: Mono.just(body.bytes.toString(StandardCharsets.UTF_8)));
	}

	/** A body shortened for the request log, with a note of how much was left out. */
	static String forLog(String body) {
		return (body.length() <= LOGGED_CHARS) ? body
				: body.substring(0, LOGGED_CHARS) + "… (" + (body.length() - LOGGED_CHARS) + " more characters)";
	}

	private void append(byte[] chunk) {
		if (!this.tooLarge && this.bytes.size() + chunk.length <= MAX_BYTES) {
			this.bytes.writeBytes(chunk);
		}
		else {
			this.tooLarge = true;
			this.bytes.reset();
		}
	}

	static Reply tooLarge(String requestId) {
		return Reply.error(413, "request.too_large", "Request body is larger than " + MAX_BYTES + " bytes", requestId);
	}

	/**
	 * The body was larger than {@link #MAX_BYTES}.
	 */
	static final class TooLargeException extends RuntimeException {

		TooLargeException() {
			super("Request body is larger than " + MAX_BYTES + " bytes", null, false, false);
		}

	}

}
