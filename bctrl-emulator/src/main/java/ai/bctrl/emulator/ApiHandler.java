package ai.bctrl.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Serves {@code /v1/**} (and a JSON 404 for every other path outside the control API):
 * logs each request, applies faults, checks the API key, and answers like the bctrl
 * operations API.
 */
final class ApiHandler {

	private final String apiKey;

	private final OperationStore store;

	private final Faults faults;

	private final RequestLog log;

	private final Scheduler clock;

	private final Duration defaultWaitTimeout;

	private final Duration maxWaitTimeout;

	private final boolean answerUnknownIds;

	ApiHandler(String apiKey, OperationStore store, Faults faults, RequestLog log, Scheduler clock,
			Duration defaultWaitTimeout, Duration maxWaitTimeout, boolean answerUnknownIds) {
		this.apiKey = apiKey;
		this.store = store;
		this.faults = faults;
		this.log = log;
		this.clock = clock;
		this.defaultWaitTimeout = defaultWaitTimeout;
		this.maxWaitTimeout = maxWaitTimeout;
		this.answerUnknownIds = answerUnknownIds;
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		Instant receivedAt = Instant.now();
		String requestId = Http.newRequestId();
		response.header(Http.REQUEST_ID, requestId);
		long generation = this.log.started();
		return RequestBody.read(request)
			.flatMap((body) -> delayed(
					Mono.defer(() -> respond(read(request, requestId, receivedAt, generation, body), response))))
			.onErrorResume(RequestBody.TooLargeException.class, (ex) -> {
				Exchange exchange = read(request, requestId, receivedAt, generation, "");
				return send(exchange, response, RequestBody.tooLarge(requestId), null);
			})
			.doFinally((signal) -> this.log.finished());
	}

	/** After the fixed latency, if any. */
	private Mono<Void> delayed(Mono<Void> response) {
		Duration latency = this.faults.latency();
		return latency.isZero() ? response : Mono.delay(latency, this.clock).then(response);
	}

	private Mono<Void> respond(Exchange exchange, HttpServerResponse response) {
		Fault fault = this.faults.pick(exchange.method(), exchange.path());
		if (fault == null) {
			return serve(exchange).flatMap((reply) -> send(exchange, response, reply, null));
		}
		return switch (fault.kind()) {
			case STATUS, OUTAGE, RATE_LIMIT ->
				send(exchange, response, statusReply(fault, exchange.requestId()), fault);
			case NON_JSON_BODY -> send(exchange, response, Reply.html(fault.status()), fault);
			case LATENCY -> Mono.delay(fault.latency(), this.clock)
				.then(serve(exchange))
				.flatMap((reply) -> send(exchange, response, reply, fault));
			case CONNECTION_RESET -> reset(exchange, response, fault);
			case NO_ANSWER -> noAnswer(exchange, fault);
			case TRUNCATED_BODY -> serve(exchange).flatMap((reply) -> truncate(exchange, response, reply, fault));
		};
	}

	private Mono<Void> send(Exchange exchange, HttpServerResponse response, Reply reply, Fault fault) {
		record(exchange, reply.status(), fault);
		return Http.send(response, reply);
	}

	private Mono<Void> reset(Exchange exchange, HttpServerResponse response, Fault fault) {
		record(exchange, 0, fault);
		return Mono.fromRunnable(() -> response.withConnection((connection) -> {
			// Linger 0 turns the close into a TCP RST, which the client sees as
			// "connection reset".
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close();
		}));
	}

	/**
	 * Hold the request until the client gives up and closes the connection, which cancels
	 * this.
	 */
	private Mono<Void> noAnswer(Exchange exchange, Fault fault) {
		record(exchange, 0, fault);
		return Mono.never();
	}

	private Mono<Void> truncate(Exchange exchange, HttpServerResponse response, Reply reply, Fault fault) {
		record(exchange, reply.status(), fault);
		// Taken now: once the response is written, the connection no longer exposes its
		// channel.
		AtomicReference<Channel> channel = new AtomicReference<>();
		response.withConnection((connection) -> channel.set(connection.channel()));
		byte[] half = Arrays.copyOf(reply.body(), reply.body().length / 2);
		reply.headers().forEach(response::header);
		response.status(reply.status())
			.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length));
		return response.sendByteArray(Mono.just(half)).then().then(Mono.fromRunnable(() -> channel.get().close()));
	}

	private static Reply statusReply(Fault fault, String requestId) {
		Reply reply;
		if (fault.body() != null) {
			reply = new Reply(fault.status(), Reply.JSON, Map.of(), fault.body().getBytes(StandardCharsets.UTF_8));
		}
		else {
			reply = Reply.error(fault.status(), errorCode(fault.status()), errorMessage(fault.status()), requestId);
		}
		return (fault.retryAfter() != null) ? reply.withHeader("Retry-After", fault.retryAfter()) : reply;
	}

	/** Codes in the style of {@code api/reference-notes.md}. */
	private static String errorCode(int status) {
		return switch (status) {
			case 400, 422 -> "request.invalid";
			case 401 -> "auth.invalid";
			case 403 -> "auth.forbidden";
			case 404 -> "not_found";
			case 408 -> "request.timeout";
			case 409 -> "operation.conflict";
			case 429 -> "rate_limited";
			case 503 -> "server.unavailable";
			default -> (status >= 500) ? "server.error" : "http." + status;
		};
	}

	private static String errorMessage(int status) {
		return switch (status) {
			case 429 -> "Rate limit exceeded; retry later";
			case 503 -> "Service temporarily unavailable; retry later";
			default -> HttpResponseStatus.valueOf(status).reasonPhrase();
		};
	}

	private Mono<Reply> serve(Exchange exchange) {
		return Mono.defer(() -> {
			String requestId = exchange.requestId();
			String path = exchange.path();
			if (!path.startsWith("/v1/")) {
				return Mono.just(Http.notFound(exchange.method(), path, requestId));
			}
			Reply unauthorized = checkAuthorization(exchange);
			if (unauthorized != null) {
				return Mono.just(unauthorized);
			}
			List<String> segments = Arrays.asList(path.substring("/v1/".length()).split("/", -1));
			boolean operationPath = segments.size() >= 2 && segments.size() <= 3 && segments.get(0).equals("operations")
					&& !segments.get(1).isEmpty();
			String action = (segments.size() == 3) ? segments.get(2) : null;
			if (!operationPath || (action != null && !action.equals("cancel") && !action.equals("wait"))) {
				return Mono.just(Http.notFound(exchange.method(), path, requestId));
			}
			String allowed = (action != null) ? "POST" : "GET";
			if (!allowed.equals(exchange.method())) {
				return Mono.just(Http.methodNotAllowed(exchange.method(), allowed, path, requestId));
			}
			try {
				String id = Http.decode(segments.get(1));
				Duration waitTimeout = "wait".equals(action) ? waitTimeout(exchange.body()) : null;
				EmulatedOperation operation = this.store.find(id);
				if (operation == null && this.answerUnknownIds) {
					operation = this.store.unkept(id);
				}
				if (operation == null) {
					return Mono.just(notFound(id, requestId));
				}
				if (action == null) {
					return Mono.just(operationReply(operation.snapshot()));
				}
				return "cancel".equals(action) ? Mono.just(operationReply(this.store.cancel(operation)))
						: awaitFinished(operation, waitTimeout, requestId);
			}
			catch (IllegalArgumentException ex) {
				return Mono.just(Reply.error(400, "request.invalid", ex.getMessage(), requestId));
			}
		});
	}

	private Reply checkAuthorization(Exchange exchange) {
		String header = exchange.authorization();
		if (header == null || header.isBlank()) {
			return unauthorized("auth.required", "Missing API key: send the header 'Authorization: Bearer <api key>'",
					exchange.requestId());
		}
		if (!exchange.authorized()) {
			return unauthorized("auth.invalid", "Invalid API key", exchange.requestId());
		}
		return null;
	}

	private static Reply unauthorized(String code, String message, String requestId) {
		return Reply.error(401, code, message, requestId).withHeader("WWW-Authenticate", "Bearer");
	}

	private static Reply operationReply(OperationSnapshot snapshot) {
		return Reply.json(200, OperationBodies.render(snapshot));
	}

	/**
	 * Hold the request, without blocking a thread, until the operation is terminal or the
	 * timeout passes; an operation deleted by a reset meanwhile is not found.
	 */
	private Mono<Reply> awaitFinished(EmulatedOperation operation, Duration timeout, String requestId) {
		Mono<Void> finished = timeout.isZero() ? Mono.empty()
				: operation.whenFinished().timeout(timeout, Mono.empty(), this.clock);
		return finished.then(Mono.fromSupplier(() -> operation.isDeleted() ? notFound(operation.id(), requestId)
				: Reply.json(200, new Wire.WaitResponse(OperationBodies.render(operation.snapshot())))));
	}

	private static Reply notFound(String id, String requestId) {
		return Reply.error(404, "operation.not_found", "Operation '" + id + "' was not found", requestId,
				Map.of("operationId", id));
	}

	/**
	 * The wait timeout from a body such as {@code {"timeoutMs": 5000}}: the default when
	 * absent, capped at the maximum.
	 * @throws IllegalArgumentException if the body is not such an object
	 */
	private Duration waitTimeout(String body) {
		if (body.isBlank()) {
			return this.defaultWaitTimeout;
		}
		JsonNode node;
		try {
			node = Json.read(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Request body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("Request body must be a JSON object such as {\"timeoutMs\": 5000}");
		}
		JsonNode value = node.get("timeoutMs");
		if (value == null || value.isNull()) {
			return this.defaultWaitTimeout;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
			throw new IllegalArgumentException(
					"timeoutMs must be a non-negative integer number of milliseconds but was " + value);
		}
		Duration timeout = Duration.ofMillis(value.longValue());
		return (timeout.compareTo(this.maxWaitTimeout) > 0) ? this.maxWaitTimeout : timeout;
	}

	private void record(Exchange exchange, int status, Fault fault) {
		this.log.add(exchange.generation(),
				new RecordedRequest(exchange.requestId(), exchange.receivedAt(), exchange.method(), exchange.uri(),
						exchange.headers(), exchange.authorized(), RequestBody.forLog(exchange.body()), status,
						(fault != null) ? fault.kind() : null));
	}

	private Exchange read(HttpServerRequest request, String requestId, Instant receivedAt, long generation,
			String body) {
		HttpHeaders source = request.requestHeaders();
		String authorization = source.get(HttpHeaderNames.AUTHORIZATION);
		// The scheme is case-insensitive (RFC 9110); the key must match exactly.
		boolean authorized = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& authorization.substring(7).trim().equals(this.apiKey);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : source.names()) {
			String key = name.toLowerCase(Locale.ROOT);
			String value = String.join(", ", source.getAll(name));
			headers.put(key, key.equals("authorization") ? mask(value) : value);
		}
		return new Exchange(requestId, receivedAt, generation, request.method().name(), request.uri(), authorization,
				authorized, Collections.unmodifiableMap(headers), body);
	}

	private static String mask(String authorization) {
		int space = authorization.indexOf(' ');
		return (space > 0) ? authorization.substring(0, space) + " ****" : "****";
	}

	/**
	 * One request as read.
	 *
	 * @param requestId the id sent back in {@code x-request-id}
	 * @param receivedAt when it arrived
	 * @param generation the request log's generation when it arrived
	 * @param method the method
	 * @param uri the raw request target
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param authorized whether it carries {@code Bearer <the API key>}
	 * @param headers the headers for the request log, authorization masked
	 * @param body the body, empty for none
	 */
	private record Exchange(String requestId, Instant receivedAt, long generation, String method, String uri,
			String authorization, boolean authorized, Map<String, String> headers, String body) {

		String path() {
			return Http.path(this.uri);
		}

	}

}
