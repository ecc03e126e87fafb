package ai.bctrl.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The control API under {@code /_emulator/}: seeding, faults, the request log and reset.
 * No authentication, no faults, not logged. Every operation mirrors a method of
 * {@link BctrlEmulator}; see the module's README for the reference.
 */
final class ControlHandler {

	static final String PREFIX = "/_emulator/";

	private final BctrlEmulator emulator;

	ControlHandler(BctrlEmulator emulator) {
		this.emulator = emulator;
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String requestId = Http.newRequestId();
		response.header(Http.REQUEST_ID, requestId);
		String method = request.method().name();
		String path = Http.path(request.uri());
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.map((body) -> reply(method, path, body, requestId))
			.flatMap((reply) -> Http.send(response, reply));
	}

	private Reply reply(String method, String path, String body, String requestId) {
		try {
			return route(method, path, body, requestId);
		}
		catch (IllegalArgumentException ex) {
			return Reply.error(400, "request.invalid", ex.getMessage(), requestId);
		}
		catch (JacksonException ex) {
			return Reply.error(400, "request.invalid", "Request body is not valid JSON: " + ex.getOriginalMessage(),
					requestId);
		}
	}

	private Reply route(String method, String path, String body, String requestId) {
		List<String> segments = Arrays.asList(path.substring(PREFIX.length()).split("/", -1));
		String resource = segments.get(0);
		if (segments.size() == 1) {
			return switch (resource) {
				case "operations" -> switch (method) {
					case "GET" -> Reply.json(200, Map.of("operations",
							this.emulator.operations().stream().map(OperationBodies::render).toList()));
					case "POST" -> Reply.json(201, Map.of("ids", this.emulator.seed(seed(object(body)))));
					default -> Http.methodNotAllowed(method, "GET, POST", path, requestId);
				};
				case "faults" -> switch (method) {
					case "GET" -> Reply.json(200,
							Map.of("faults", this.emulator.faults().all().stream().map(FaultView::of).toList()));
					case "POST" -> Reply.json(201, FaultView.of(installFault(object(body))));
					case "DELETE" -> {
						this.emulator.faults().clear();
						yield Reply.noContent();
					}
					default -> Http.methodNotAllowed(method, "GET, POST, DELETE", path, requestId);
				};
				case "requests" -> switch (method) {
					case "GET" -> Reply.json(200,
							new RequestsView(this.emulator.requests().stream().map(RequestView::of).toList(),
									this.emulator.inFlightRequests(), this.emulator.maxConcurrentRequests()));
					case "DELETE" -> {
						this.emulator.clearRequests();
						yield Reply.noContent();
					}
					default -> Http.methodNotAllowed(method, "GET, DELETE", path, requestId);
				};
				case "reset" -> {
					if (!method.equals("POST")) {
						yield Http.methodNotAllowed(method, "POST", path, requestId);
					}
					this.emulator.reset();
					yield Reply.noContent();
				}
				default -> Http.notFound(method, path, requestId);
			};
		}
		if (segments.size() == 2 && resource.equals("faults")) {
			if (!method.equals("DELETE")) {
				return Http.methodNotAllowed(method, "DELETE", path, requestId);
			}
			Fault fault = this.emulator.faults().find(segments.get(1));
			if (fault == null) {
				return Reply.error(404, "fault.not_found", "Fault '" + segments.get(1) + "' was not found", requestId);
			}
			fault.remove();
			return Reply.noContent();
		}
		if (segments.size() == 3 && resource.equals("operations") && segments.get(2).equals("finish")) {
			if (!method.equals("POST")) {
				return Http.methodNotAllowed(method, "POST", path, requestId);
			}
			OperationState state = OperationState.fromWireValue(requiredText(object(body), "status"));
			if (this.emulator.operation(segments.get(1)).isEmpty()) {
				return Reply.error(404, "operation.not_found", "Operation '" + segments.get(1) + "' was not found",
						requestId);
			}
			return Reply.json(200, OperationBodies.render(this.emulator.finish(segments.get(1), state)));
		}
		return Http.notFound(method, path, requestId);
	}

	private static JsonNode object(String body) {
		JsonNode node = Json.read(body.isBlank() ? "{}" : body);
		if (!node.isObject()) {
			throw new IllegalArgumentException("Request body must be a JSON object");
		}
		return node;
	}

	/**
	 * {@code {"status": "running", "count": 3, "frozen": true, "outcome": "failed",
	 * "runtimeKind": "desktop"}}
	 */
	private static Seed seed(JsonNode body) {
		Seed seed = Seed.of(OperationState.fromWireValue(requiredText(body, "status")));
		if (has(body, "count")) {
			seed = seed.count(integer(body, "count"));
		}
		if (has(body, "frozen")) {
			seed = seed.frozen(bool(body, "frozen"));
		}
		if (has(body, "outcome")) {
			seed = seed.outcome(OperationState.fromWireValue(requiredText(body, "outcome")));
		}
		if (has(body, "runtimeKind")) {
			seed = seed.runtimeKind(requiredText(body, "runtimeKind"));
		}
		return seed;
	}

	/**
	 * {@code {"kind": "status", "status": 503, "retryAfter": 2, "body": "...", "latencyMs": 100,
	 * "next": 3, "share": 0.5, "method": "POST", "path": "/v1/operations/*&#47;cancel"}}
	 */
	private Fault installFault(JsonNode body) {
		FaultKind kind = FaultKind.fromWireValue(requiredText(body, "kind"));
		Fault.Builder builder = this.emulator.faults().always();
		if (has(body, "next")) {
			builder.next(integer(body, "next"));
		}
		if (has(body, "share")) {
			JsonNode share = body.get("share");
			if (!share.isNumber()) {
				throw new IllegalArgumentException("share must be a number but was " + share);
			}
			builder.share(share.doubleValue());
		}
		if (has(body, "method")) {
			builder.method(requiredText(body, "method"));
		}
		if (has(body, "path")) {
			builder.path(requiredText(body, "path"));
		}
		return switch (kind) {
			case STATUS -> builder.status(integer(body, "status"), retryAfter(body),
					has(body, "body") ? requiredText(body, "body") : null);
			case LATENCY -> builder.latency(Duration.ofMillis(integer(body, "latencyMs")));
			case CONNECTION_RESET -> builder.connectionReset();
			case TRUNCATED_BODY -> builder.truncatedBody();
			case NON_JSON_BODY -> builder.nonJsonBody(has(body, "status") ? integer(body, "status") : 502);
		};
	}

	/** A number of seconds, or a raw header value such as an HTTP-date. */
	private static String retryAfter(JsonNode body) {
		if (!has(body, "retryAfter")) {
			return null;
		}
		JsonNode value = body.get("retryAfter");
		return value.isIntegralNumber() ? Long.toString(value.longValue()) : requiredText(body, "retryAfter");
	}

	private static boolean has(JsonNode body, String field) {
		return body.has(field) && !body.get(field).isNull();
	}

	private static String requiredText(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || !value.isString()) {
			throw new IllegalArgumentException(field + " must be a string but was " + value);
		}
		return value.asString();
	}

	private static int integer(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new IllegalArgumentException(field + " must be an integer but was " + value);
		}
		return value.intValue();
	}

	private static boolean bool(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (!value.isBoolean()) {
			throw new IllegalArgumentException(field + " must be true or false but was " + value);
		}
		return value.booleanValue();
	}

	@JsonInclude(Include.NON_NULL)
	record FaultView(String id, String kind, String method, String path, Integer next, Double share, int triggered,
			Integer status, String retryAfter, String body, Long latencyMs) {

		static FaultView of(Fault fault) {
			boolean hasStatus = fault.kind() == FaultKind.STATUS || fault.kind() == FaultKind.NON_JSON_BODY;
			return new FaultView(fault.id(), fault.kind().wireValue(), fault.method(), fault.path(), fault.remaining(),
					(fault.share() < 1.0) ? fault.share() : null, fault.triggered(), hasStatus ? fault.status() : null,
					fault.retryAfter(), fault.body(), (fault.latency() != null) ? fault.latency().toMillis() : null);
		}

	}

	record RequestsView(List<RequestView> requests, int inFlight, int maxConcurrent) {
	}

	record RequestView(String requestId, String receivedAt, String method, String path, Map<String, String> headers,
			boolean authorized, String body, int status, String fault) {

		static RequestView of(RecordedRequest request) {
			return new RequestView(request.requestId(), request.receivedAt().toString(), request.method(),
					request.path(), request.headers(), request.authorized(), request.body(), request.status(),
					(request.fault() != null) ? request.fault().wireValue() : null);
		}

	}

}
