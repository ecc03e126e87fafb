package ai.bctrl.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The control API refuses what it cannot honour with a 400 that names the field in the
 * API's words, and faults never reach it however its path is spelled.
 */
class StrictControlInputTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).autoProgress(false).build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final EmulatorHttp control = this.http.withAuthorization(null);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private String refusal(String path, String body) {
		EmulatorHttp.Response response = this.control.post(path, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("code").asString()).isEqualTo("request.invalid");
		return response.json().get("error").asString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"1\\r\\nX-Injected: yes\"", "\"1\\n\"", "-5", "\"soon\"", "\"-5\"" })
	void refusesARetryAfterThatIsNeitherSecondsNorAnHttpDate(String retryAfter) {
		assertThat(refusal("/_emulator/faults",
				"{\"kind\": \"status\", \"status\": 503, \"retryAfter\": " + retryAfter + "}"))
			.startsWith("retryAfter must be");
		assertThat(this.emulator.faults().all()).isEmpty();
	}

	@Test
	void refusesARetryAfterWithALineBreakThroughTheJavaApi() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.emulator.faults().always().status(503, "1\r\nX-Injected: yes", null))
			.withMessageStartingWith("retryAfter must be");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/_emulator/operations|{\"status\": \"running\", \"frozne\": true}|frozne",
					"/_emulator/faults|{\"kind\": \"latency\", \"latencyMs\": 5, \"status\": 503}|status",
					"/_emulator/faults|{\"kind\": \"status\", \"status\": 503, \"nxt\": 1}|nxt",
					"/_emulator/operations/x/finish|{\"status\": \"failed\", \"error\": \"boom\"}|error" })
	void refusesUnknownFieldsNamingThem(String path, String body, String field) {
		assertThat(refusal(path, body)).startsWith("Unknown field '" + field + "'");
	}

	@Test
	void speaksTheApisWordsInMessages() {
		String id = this.emulator.seed(OperationState.RUNNING);
		assertThat(refusal("/_emulator/operations/" + id + "/finish", "{\"status\": \"running\"}"))
			.isEqualTo("status must be one of succeeded, failed, cancelled, timed_out but was 'running'");
		assertThat(refusal("/_emulator/operations", "{\"status\": \"queued\", \"outcome\": \"cancelled\"}"))
			.isEqualTo("outcome must be one of succeeded, failed, timed_out but was 'cancelled'");
		assertThat(refusal("/_emulator/faults", "{\"kind\": \"latency\", \"latencyMs\": -1}"))
			.isEqualTo("latencyMs must be ≥ 0 (a whole number of milliseconds) but was -1");
		assertThat(refusal("/_emulator/faults", "{\"kind\": \"status\", \"status\": 503, \"next\": 0}"))
			.isEqualTo("next must be a whole number from 1 to 2147483647 but was 0");
	}

	@Test
	void finishDecodesIdsLikeTheApi() {
		String id = this.emulator.seed(OperationState.RUNNING);
		String encoded = id.replace("-", "%2D");
		EmulatorHttp.Response response = this.control.post("/_emulator/operations/" + encoded + "/finish",
				"{\"status\": \"succeeded\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.emulator.operation(id).orElseThrow().state()).isEqualTo(OperationState.SUCCEEDED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/_emulator", "//_emulator/faults", "/_emulator//faults", "/%5Femulator/faults" })
	void faultsNeverApplyToTheControlApiHoweverItsPathIsSpelled(String path) {
		this.emulator.faults().always().connectionReset();
		EmulatorHttp.Response response = this.control.get(path);
		assertThat(response.status()).isIn(200, 404);
		assertThat(response.header("content-type")).isEqualTo("application/json");
		assertThat(this.emulator.requests()).isEmpty();
	}

}
