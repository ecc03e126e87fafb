package ai.bctrl.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Small HTTP helpers shared by the API and the control API.
 */
final class Http {

	static final String REQUEST_ID = "x-request-id";

	private Http() {
	}

	static String newRequestId() {
		return "req_" + UUID.randomUUID().toString().replace("-", "");
	}

	/** The raw path of a request target, without the query. */
	static String path(String uri) {
		int query = uri.indexOf('?');
		return (query >= 0) ? uri.substring(0, query) : uri;
	}

	/**
	 * The segments of a request target's path, percent-decoded, without empty ones (so
	 * {@code //a/b/} is {@code [a, b]}); {@code +} stays a plus sign, as in a path.
	 */
	static List<String> segments(String uri) {
		List<String> segments = new ArrayList<>();
		for (String segment : path(uri).split("/")) {
			if (!segment.isEmpty()) {
				segments.add(decodeOrKeep(segment));
			}
		}
		return segments;
	}

	/**
	 * A percent-encoded path segment, decoded; {@code +} stays a plus sign.
	 * @throws IllegalArgumentException if the encoding is malformed
	 */
	static String decode(String segment) {
		return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static String decodeOrKeep(String segment) {
		try {
			return decode(segment);
		}
		catch (IllegalArgumentException ex) {
			return segment;
		}
	}

	static Mono<Void> send(HttpServerResponse response, Reply reply) {
		response.status(reply.status());
		reply.headers().forEach(response::header);
		if (reply.contentType() == null) {
			return response.send();
		}
		response.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
		return response.sendByteArray(Mono.just(reply.body())).then();
	}

	static Reply notFound(String method, String path, String requestId) {
		return Reply.error(404, "not_found", "No such endpoint: " + method + " " + path, requestId);
	}

	static Reply methodNotAllowed(String method, String allowed, String path, String requestId) {
		return Reply
			.error(405, "method.not_allowed", "Method " + method + " is not allowed on " + path + "; use " + allowed,
					requestId)
			.withHeader("Allow", allowed);
	}

}
