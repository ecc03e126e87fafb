package ai.bctrl.emulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;

/**
 * The control API under {@code /_emulator/}: seeding, faults, the request log and reset.
 * Not logged and never faulted; who may use it is decided by {@link ControlAccess}.
 * Bodies are read strictly ({@link ControlInput}). Every operation mirrors a method of
 * {@link BctrlEmulator}; see the module's README for the reference.
 */
final class ControlHandler {

	/** First path segment of the control API. */
	static final String SEGMENT = "_emulator";

	/** Most operations one seed request may create. */
	static final int MAX_SEED_COUNT = 100_000;

	private static final Set<String> FAULT_FIELDS = Set.of("kind", "next", "share", "method", "path");

	private static final Map<FaultKind, Set<String>> FAULT_KIND_FIELDS = Map.of(FaultKind.STATUS,
			Set.of("status", "retryAfter", "body"), FaultKind.LATENCY, Set.of("latencyMs"), FaultKind.CONNECTION_RESET,
			Set.of(), FaultKind.NO_ANSWER, Set.of(), FaultKind.TRUNCATED_BODY, Set.of(), FaultKind.NON_JSON_BODY,
			Set.of("status"), FaultKind.OUTAGE, Set.of("durationMs", "retryAfter"), FaultKind.RATE_LIMIT,
			Set.of("requestsPerSecond"));

	/** Every field a fault of some kind takes: what a fault body may hold at all. */
	private static final Set<String> ANY_FAULT_FIELDS = anyFaultFields();

	private static final Set<OperationState> OUTCOMES = EnumSet.of(OperationState.SUCCEEDED, OperationState.FAILED,
			OperationState.TIMED_OUT);

	private static final Set<OperationState> TERMINAL = EnumSet.of(OperationState.SUCCEEDED, OperationState.FAILED,
			OperationState.CANCELLED, OperationState.TIMED_OUT);

	private final BctrlEmulator emulator;

	private final ControlAccess access;

	ControlHandler(BctrlEmulator emulator, ControlAccess access) {
		this.emulator = emulator;
		this.access = access;
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		String requestId = Http.newRequestId();
		response.header(Http.REQUEST_ID, requestId);
		String method = request.method().name();
		List<String> segments = Http.segments(request.uri());
		Reply refused = this.access.check(request.requestHeaders(), requestId);
		return RequestBody.read(request)
			.map((body) -> (refused != null) ? refused
					: reply(method, segments.subList(1, segments.size()), body, requestId))
			.onErrorResume(RequestBody.TooLargeException.class, (ex) -> Mono.just(RequestBody.tooLarge(requestId)))
			.flatMap((reply) -> Http.send(response, reply));
	}

	private Reply reply(String method, List<String> segments, String body, String requestId) {
		try {
			return route(method, segments, body, requestId);
		}
		catch (IllegalArgumentException ex) {
			return Reply.error(400, "request.invalid", ex.getMessage(), requestId);
		}
		catch (JacksonException ex) {
			return Reply.error(400, "request.invalid", "Request body is not valid JSON: " + ex.getOriginalMessage(),
					requestId);
		}
	}

	private Reply route(String method, List<String> segments, String body, String requestId) {
		String path = "/" + SEGMENT + "/" + String.join("/", segments);
		if (segments.isEmpty()) {
			return Http.notFound(method, path, requestId);
		}
		String resource = segments.get(0);
		if (segments.size() == 1) {
			return switch (resource) {
				case "operations" -> switch (method) {
					case "GET" -> Reply.json(200, Map.of("operations",
							this.emulator.operations().stream().map(OperationBodies::render).toList()));
					case "POST" -> Reply.json(201, Map.of("ids", this.emulator.seed(seed(body))));
					default -> Http.methodNotAllowed(method, "GET, POST", path, requestId);
				};
				case "faults" -> switch (method) {
					case "GET" -> Reply.json(200,
							Map.of("faults", this.emulator.faults().all().stream().map(FaultView::of).toList()));
					case "POST" -> Reply.json(201, FaultView.of(installFault(body)));
					case "DELETE" -> {
						this.emulator.faults().clear();
						yield Reply.noContent();
					}
					default -> Http.methodNotAllowed(method, "GET, POST, DELETE", path, requestId);
				};
				case "latency" -> switch (method) {
					case "GET" -> latencyReply();
					case "PUT" -> {
						ControlInput input = ControlInput.parse(body, Set.of("latencyMs"));
						this.emulator.faults().latency(Duration.ofMillis(input.millis("latencyMs")));
						yield latencyReply();
					}
					default -> Http.methodNotAllowed(method, "GET, PUT", path, requestId);
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
			OperationState state = ControlInput.parse(body, Set.of("status")).state("status", TERMINAL);
			String id = segments.get(1);
			if (this.emulator.operation(id).isEmpty()) {
				return Reply.error(404, "operation.not_found", "Operation '" + id + "' was not found", requestId,
						Map.of("operationId", id));
			}
			return Reply.json(200, OperationBodies.render(this.emulator.finish(id, state)));
		}
		return Http.notFound(method, path, requestId);
	}

	private Reply latencyReply() {
		return Reply.json(200, Map.of("latencyMs", this.emulator.faults().latency().toMillis()));
	}

	/**
	 * {@code {"status": "running", "count": 3, "frozen": true, "outcome": "failed",
	 * "runtimeKind": "desktop"}}
	 */
	private static Seed seed(String body) {
		ControlInput input = ControlInput.parse(body, Set.of("status", "count", "frozen", "outcome", "runtimeKind"));
		Seed seed = Seed.of(input.state("status", EnumSet.allOf(OperationState.class)));
		if (input.has("count")) {
			seed = seed.count(input.integer("count", 1, MAX_SEED_COUNT));
		}
		if (input.has("frozen")) {
			seed = seed.frozen(input.bool("frozen"));
		}
		if (input.has("outcome")) {
			seed = seed.outcome(input.state("outcome", OUTCOMES));
		}
		if (input.has("runtimeKind")) {
			seed = seed.runtimeKind(input.text("runtimeKind"));
		}
		return seed;
	}

	/**
	 * {@code {"kind": "status", "status": 503, "retryAfter": 2, "body": "...", "next": 3,
	 * "share": 0.5, "method": "POST", "path": "/v1/operations/*&#47;cancel"}}, and the
	 * fields of the other kinds: {@code latencyMs}; {@code durationMs} and
	 * {@code retryAfter} of an outage; {@code requestsPerSecond} of a rate limit.
	 */
	private Fault installFault(String body) {
		ControlInput input = ControlInput.parse(body, ANY_FAULT_FIELDS);
		FaultKind kind = FaultKind.fromWireValue(input.text("kind"));
		Set<String> allowed = new HashSet<>(FAULT_FIELDS);
		allowed.addAll(FAULT_KIND_FIELDS.get(kind));
		input.allowOnly(allowed);
		Fault.Builder builder = this.emulator.faults().always();
		if (input.has("next")) {
			builder.next(input.integer("next", 1, Integer.MAX_VALUE));
		}
		if (input.has("share")) {
			double share = input.number("share");
			if (!(share > 0.0 && share <= 1.0)) {
				throw new IllegalArgumentException("share must be greater than 0 and at most 1 but was " + share);
			}
			builder.share(share);
		}
		if (input.has("method")) {
			builder.method(input.text("method"));
		}
		if (input.has("path")) {
			builder.path(input.text("path"));
		}
		return switch (kind) {
			case STATUS -> builder.status(input.integer("status", 200, 599),
					input.has("retryAfter") ? input.retryAfter("retryAfter") : null,
					input.has("body") ? input.text("body") : null);
			case LATENCY -> builder.latency(Duration.ofMillis(input.millis("latencyMs")));
			case CONNECTION_RESET -> builder.connectionReset();
			case NO_ANSWER -> builder.noAnswer();
			case TRUNCATED_BODY -> builder.truncatedBody();
			case NON_JSON_BODY -> builder.nonJsonBody(input.has("status") ? input.integer("status", 200, 599) : 502);
			case OUTAGE -> builder.outage(Duration.ofMillis(positive(input.millis("durationMs"), "durationMs")),
					input.has("retryAfter") ? Duration.ofSeconds(input.integer("retryAfter", 0, Integer.MAX_VALUE))
							: null);
			case RATE_LIMIT -> builder.rateLimit(input.integer("requestsPerSecond", 1, Integer.MAX_VALUE));
		};
	}

	private static Set<String> anyFaultFields() {
		Set<String> fields = new HashSet<>(FAULT_FIELDS);
		FAULT_KIND_FIELDS.values().forEach(fields::addAll);
		return Set.copyOf(fields);
	}

	private static long positive(long value, String field) {
		if (value == 0) {
			throw new IllegalArgumentException(field + " must be > 0 but was 0");
		}
		return value;
	}

	@JsonInclude(Include.NON_NULL)
	record FaultView(String id, String kind, String method, String path, Integer next, Double share, int triggered,
			Integer status, String retryAfter, String body, Long latencyMs, Long durationMs, Long remainingMs,
			Integer requestsPerSecond) {

		static FaultView of(Fault fault) {
			boolean hasStatus = fault.kind() != FaultKind.LATENCY && fault.kind() != FaultKind.CONNECTION_RESET
					&& fault.kind() != FaultKind.NO_ANSWER && fault.kind() != FaultKind.TRUNCATED_BODY;
			return new FaultView(fault.id(), fault.kind().wireValue(), fault.method(), fault.path(), fault.remaining(),
					(fault.share() < 1.0) ? fault.share() : null, fault.triggered(), hasStatus ? fault.status() : null,
					fault.retryAfter(), fault.body(), (fault.latency() != null) ? fault.latency().toMillis() : null,
					(fault.window() != null) ? fault.window().toMillis() : null,
					(fault.window() != null) ? fault.windowLeft().toMillis() : null,
					(fault.requestsPerSecond() > 0) ? fault.requestsPerSecond() : null);
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
