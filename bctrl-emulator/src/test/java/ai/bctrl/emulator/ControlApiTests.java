package ai.bctrl.emulator;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API under {@code /_emulator/}.
 */
class ControlApiTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder()
		.port(0)
		.autoProgress(false)
		.cancellingDelay(Duration.ofMillis(20))
		.build()
		.start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator).withAuthorization(null);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void seedsOperations() {
		EmulatorHttp.Response response = this.http.post("/_emulator/operations", """
				{"status": "running", "count": 3, "frozen": true, "outcome": "failed", "runtimeKind": "desktop"}""");
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("ids")).hasSize(3);
		String id = response.json().get("ids").get(0).asString();
		OperationSnapshot operation = this.emulator.operation(id).orElseThrow();
		assertThat(operation.state()).isEqualTo(OperationState.RUNNING);
		assertThat(operation.frozen()).isTrue();
		assertThat(operation.outcome()).isEqualTo(OperationState.FAILED);
		assertThat(operation.runtimeKind()).isEqualTo("desktop");
	}

	@Test
	void listsOperationsAsTheApiShowsThem() {
		String id = this.emulator.seed(OperationState.SUCCEEDED);
		JsonNode operations = this.http.get("/_emulator/operations").json().get("operations");
		assertThat(operations).hasSize(1);
		assertThat(operations.get(0).get("id").asString()).isEqualTo(id);
		assertThat(operations.get(0).get("status").asString()).isEqualTo("succeeded");
	}

	@Test
	void finishesAnOperation() {
		String id = this.emulator.seed(OperationState.RUNNING);
		EmulatorHttp.Response response = this.http.post("/_emulator/operations/" + id + "/finish",
				"{\"status\":\"timed_out\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.operationStatus()).isEqualTo("timed_out");
		assertThat(this.http.post("/_emulator/operations/nope/finish", "{\"status\":\"failed\"}").status())
			.isEqualTo(404);
	}

	@Test
	void installsListsAndRemovesFaults() {
		EmulatorHttp.Response created = this.http.post("/_emulator/faults", """
				{"kind": "status", "status": 503, "retryAfter": 2, "next": 3, "method": "POST", "path": "/v1/**"}""");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("id").asString()).isEqualTo("fault-1");
		Fault fault = this.emulator.faults().all().get(0);
		assertThat(fault).hasToString("Fault[fault-1 status 503 Retry-After 2, 3 left, POST /v1/**]");
		JsonNode listed = this.http.get("/_emulator/faults").json().get("faults").get(0);
		assertThat(listed.get("kind").asString()).isEqualTo("status");
		assertThat(listed.get("next").intValue()).isEqualTo(3);
		assertThat(listed.get("triggered").intValue()).isZero();
		assertThat(this.http.send("DELETE", "/_emulator/faults/fault-1", null).status()).isEqualTo(204);
		assertThat(this.emulator.faults().all()).isEmpty();
		assertThat(this.http.send("DELETE", "/_emulator/faults/fault-1", null).status()).isEqualTo(404);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"kind\":\"latency\",\"latencyMs\":5,\"share\":0.5}|LATENCY",
			"{\"kind\":\"connection_reset\"}|CONNECTION_RESET", "{\"kind\":\"no_answer\",\"share\":0.01}|NO_ANSWER",
			"{\"kind\":\"truncated_body\"}|TRUNCATED_BODY", "{\"kind\":\"non_json_body\",\"status\":504}|NON_JSON_BODY",
			"{\"kind\":\"status\",\"status\":200,\"body\":\"{}\",\"retryAfter\":\"Wed, 21 Oct 2037 07:28:00 GMT\"}"
					+ "|STATUS" })
	void installsEveryKindOfFault(String body, FaultKind kind) {
		assertThat(this.http.post("/_emulator/faults", body).status()).isEqualTo(201);
		assertThat(this.emulator.faults().all()).extracting(Fault::kind).containsExactly(kind);
	}

	@Test
	void clearsFaults() {
		this.emulator.faults().always().status(500);
		assertThat(this.http.send("DELETE", "/_emulator/faults", null).status()).isEqualTo(204);
		assertThat(this.emulator.faults().all()).isEmpty();
	}

	@Test
	void readsAndClearsTheRequestLog() {
		String id = this.emulator.seed(OperationState.QUEUED);
		new EmulatorHttp(this.emulator).cancel(id);
		JsonNode log = this.http.get("/_emulator/requests").json();
		assertThat(log.get("requests")).hasSize(1);
		JsonNode request = log.get("requests").get(0);
		assertThat(request.get("method").asString()).isEqualTo("POST");
		assertThat(request.get("path").asString()).isEqualTo("/v1/operations/" + id + "/cancel");
		assertThat(request.get("status").intValue()).isEqualTo(200);
		assertThat(request.get("authorized").booleanValue()).isTrue();
		assertThat(log.get("inFlight").intValue()).isZero();
		assertThat(log.get("maxConcurrent").intValue()).isEqualTo(1);
		assertThat(this.http.send("DELETE", "/_emulator/requests", null).status()).isEqualTo(204);
		assertThat(this.emulator.requests()).isEmpty();
	}

	@Test
	void resetsEverything() {
		this.emulator.seed(OperationState.RUNNING);
		this.emulator.faults().always().path("/v1/nothing").status(500);
		new EmulatorHttp(this.emulator).get("/v1/operations/x");
		assertThat(this.http.post("/_emulator/reset", null).status()).isEqualTo(204);
		assertThat(this.emulator.operations()).isEmpty();
		assertThat(this.emulator.faults().all()).isEmpty();
		assertThat(this.emulator.requests()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/_emulator/operations|{\"status\":\"paused\"}",
					"/_emulator/operations|{\"status\":\"running\",\"count\":0}",
					"/_emulator/operations|{\"status\":\"running\",\"outcome\":\"cancelled\"}",
					"/_emulator/operations|{\"count\":1}", "/_emulator/operations|[1]", "/_emulator/operations|{",
					"/_emulator/faults|{\"kind\":\"explode\"}", "/_emulator/faults|{\"kind\":\"status\"}",
					"/_emulator/faults|{\"kind\":\"status\",\"status\":503,\"share\":\"half\"}",
					"/_emulator/faults|{\"kind\":\"latency\",\"latencyMs\":-1}" })
	void rejectsMalformedRequests(String path, String body) {
		EmulatorHttp.Response response = this.http.post(path, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("code").asString()).isEqualTo("request.invalid");
		OpenApiContract.ERROR.assertValid(response.json());
	}

	@ParameterizedTest
	@CsvSource({ "PUT, /_emulator/operations", "GET, /_emulator/reset", "POST, /_emulator/requests",
			"GET, /_emulator/faults/fault-1", "GET, /_emulator/operations/x/finish" })
	void answersWrongMethodWithJsonMethodNotAllowed(String method, String path) {
		EmulatorHttp.Response response = this.http.send(method, path, null);
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.json().get("code").asString()).isEqualTo("method.not_allowed");
	}

}
