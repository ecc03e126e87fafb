package ai.bctrl.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths and methods the API does not have: JSON errors with a request id, never an empty
 * or HTML body.
 */
class RoutingTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final String id = this.emulator.seed(OperationState.QUEUED);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/v2/operations/x", "/v1", "/v1/operations", "/v1/operations/", "/v1/workspaces/x",
			"/v1/operations/x/retry", "/v1/operations/x/cancel/more", "/v1/operations//cancel", "/_emulator",
			"/_emulator/", "/_emulator/nope" })
	void answersUnknownPathWithJsonNotFound(String path) {
		EmulatorHttp.Response response = this.http.get(path);
		assertThat(response.status()).isEqualTo(404);
		assertJsonError(response, "not_found");
	}

	@ParameterizedTest
	@CsvSource({ "GET, /cancel, POST", "PUT, /cancel, POST", "GET, /wait, POST", "DELETE, '', GET", "POST, '', GET" })
	void answersWrongMethodWithJsonMethodNotAllowed(String method, String suffix, String allowed) {
		EmulatorHttp.Response response = this.http.send(method, "/v1/operations/" + this.id + suffix, null);
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("allow")).isEqualTo(allowed);
		assertJsonError(response, "method.not_allowed");
	}

	@Test
	void ignoresTheQuery() {
		assertThat(this.http.get("/v1/operations/" + this.id + "?verbose=true").status()).isEqualTo(200);
	}

	private static void assertJsonError(EmulatorHttp.Response response, String code) {
		assertThat(response.header("content-type")).isEqualTo("application/json");
		assertThat(response.json().get("code").asString()).isEqualTo(code);
		assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("x-request-id"));
		OpenApiContract.ERROR.assertValid(response.json());
	}

}
