package ai.bctrl.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every JSON body the emulator sends validates against the project's OpenAPI document
 * ({@code api/operations-cancel.openapi.yaml}) or, for errors, the documented error
 * shape.
 */
class ContractTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder()
		.port(0)
		.queuedFor(Duration.ofMillis(30))
		.dispatchingFor(Duration.ofMillis(30))
		.runningFor(Duration.ofMillis(30))
		.cancellingDelay(Duration.ofMillis(30))
		.build()
		.start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	static Stream<Arguments> statesAndRuntimeKinds() {
		return Stream.of(OperationState.values())
			.flatMap((state) -> Seed.RUNTIME_KINDS.stream().map((kind) -> Arguments.of(state, kind)));
	}

	@ParameterizedTest
	@MethodSource("statesAndRuntimeKinds")
	void getCancelAndWaitBodiesConformInEveryState(OperationState state, String runtimeKind) {
		String id = this.emulator.seed(Seed.of(state).runtimeKind(runtimeKind).frozen(true)).get(0);
		EmulatorHttp.Response get = this.http.get("/v1/operations/" + id);
		assertThat(get.operationStatus()).isEqualTo(state.wireValue());
		assertOperation(get.json());
		EmulatorHttp.Response wait = this.http.post("/v1/operations/" + id + "/wait", "{\"timeoutMs\": 0}");
		OpenApiContract.WAIT_RESPONSE.assertValid(wait.json());
		assertOperation(wait.json().get("operation"));
		assertOperation(this.http.cancel(id).json());
	}

	@Test
	void succeededOperationHasAResultWithSucceededSteps() {
		String id = this.emulator.seed(Seed.of(OperationState.SUCCEEDED).frozen(true)).get(0);
		JsonNode result = this.http.get("/v1/operations/" + id).json().get("result");
		assertThat(result.get("mode").asString()).isEqualTo("fail-fast");
		assertThat(result.get("ok").booleanValue()).isTrue();
		assertThat(result.get("steps")).hasSize(3).allSatisfy((step) -> {
			assertThat(step.get("ok").booleanValue()).isTrue();
			assertThat(step.has("resolved")).isTrue();
			assertThat(step.has("result")).isTrue();
		});
	}

	@Test
	void failedOperationHasAnErrorAndAFailedStepWithADiagnostic() {
		String id = this.emulator.seed(Seed.of(OperationState.FAILED).frozen(true)).get(0);
		JsonNode body = this.http.get("/v1/operations/" + id).json();
		assertThat(body.get("error").get("code").asString()).isEqualTo("step.failed");
		JsonNode steps = body.get("result").get("steps");
		JsonNode failed = steps.get(steps.size() - 1);
		assertThat(failed.get("ok").booleanValue()).isFalse();
		assertThat(failed.get("error").get("code").asString()).isEqualTo("UNKNOWN_REF");
		assertThat(failed.get("error").get("diagnostic").get("id").asString()).isNotBlank();
	}

	@Test
	void everyBodyAlongTheLifecycleConforms() {
		List<String> ids = new ArrayList<>();
		for (OperationState outcome : List.of(OperationState.SUCCEEDED, OperationState.FAILED,
				OperationState.TIMED_OUT)) {
			ids.add(this.emulator.seed(Seed.of(OperationState.QUEUED).outcome(outcome)).get(0));
		}
		String cancelled = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		ids.add(cancelled);
		Set<String> seen = new LinkedHashSet<>();
		List<JsonNode> bodies = new ArrayList<>();
		Consumer<JsonNode> collect = (body) -> {
			bodies.add(body);
			seen.add(body.get("status").asString());
		};
		collect.accept(this.http.cancel(cancelled).json());
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
			boolean finished = true;
			for (String id : ids) {
				JsonNode body = this.http.get("/v1/operations/" + id).json();
				collect.accept(body);
				finished &= OperationState.fromWireValue(body.get("status").asString()).isTerminal();
			}
			return finished;
		});
		// The early states are brief here; every state is also covered one by one above.
		assertThat(seen).contains("cancelling", "succeeded", "failed", "timed_out", "cancelled");
		bodies.forEach(this::assertOperation);
	}

	@Test
	void controlApiListsConformingOperations() {
		for (OperationState state : OperationState.values()) {
			this.emulator.seed(Seed.of(state).frozen(true));
		}
		JsonNode operations = this.http.get("/_emulator/operations").json().get("operations");
		assertThat(operations).hasSize(OperationState.values().length);
		operations.forEach(this::assertOperation);
	}

	@Test
	void errorBodiesHaveTheDocumentedShape() {
		String id = this.emulator.seed(OperationState.RUNNING);
		List<EmulatorHttp.Response> errors = new ArrayList<>();
		errors.add(this.http.withAuthorization(null).cancel(id));
		errors.add(this.http.withAuthorization("Bearer wrong").cancel(id));
		errors.add(this.http.cancel("missing"));
		errors.add(this.http.get("/v1/nothing"));
		errors.add(this.http.send("DELETE", "/v1/operations/" + id, null));
		errors.add(this.http.post("/v1/operations/" + id + "/wait", "{\"timeoutMs\": -5}"));
		for (int status : new int[] { 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504 }) {
			this.emulator.faults().next(1).status(status, Duration.ofSeconds(1));
			errors.add(this.http.cancel(id));
		}
		assertThat(errors).allSatisfy((response) -> {
			assertThat(response.status()).isGreaterThanOrEqualTo(400);
			assertThat(response.header("content-type")).isEqualTo("application/json");
			assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("x-request-id"));
			OpenApiContract.ERROR.assertValid(response.json());
		});
	}

	@Test
	void delayedBodyConforms() {
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		this.emulator.faults().next(1).latency(Duration.ofMillis(10));
		assertOperation(this.http.get("/v1/operations/" + id).json());
	}

	@Test
	void schemaRejectsBodiesThatBreakTheContract() {
		String id = this.emulator.seed(Seed.of(OperationState.FAILED).frozen(true)).get(0);
		JsonNode valid = this.http.get("/v1/operations/" + id).json();
		assertOperation(valid);
		List<Consumer<ObjectNode>> breakages = List.of((body) -> body.put("status", "paused"),
				(body) -> body.remove("id"), (body) -> body.put("id", "not-a-uuid"),
				(body) -> body.put("runtimeKind", "phone"), (body) -> body.putNull("createdAt"),
				(body) -> ((ObjectNode) body.get("progress")).put("step", "2"),
				(body) -> ((ObjectNode) body.get("result")).put("mode", "best-effort"),
				(body) -> ((ObjectNode) body.get("result").get("steps").get(0)).remove("resolved"),
				(body) -> ((ObjectNode) body.get("error")).remove("message"));
		for (Consumer<ObjectNode> breakage : breakages) {
			ObjectNode broken = (ObjectNode) valid.deepCopy();
			breakage.accept(broken);
			assertThat(OpenApiContract.OPERATION.validate(broken)).as("violations of %s", broken).isNotEmpty();
		}
		ObjectNode extra = (ObjectNode) valid.deepCopy();
		extra.put("priority", 1);
		assertThat(OpenApiContract.OPERATION.validate(extra)).isEmpty();
		assertThat(OpenApiContract.STRICT_OPERATION.validate(extra)).isNotEmpty();
	}

	private void assertOperation(JsonNode body) {
		OpenApiContract.OPERATION.assertValid(body);
		OpenApiContract.STRICT_OPERATION.assertValid(body);
	}

}
