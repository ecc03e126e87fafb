package ai.bctrl.emulator;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What bounds the emulator's memory by size: request bodies, the bodies kept in the
 * request log, seed counts; and oversized request lines and headers answered in the
 * documented error shape.
 */
class RequestLimitsTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).autoProgress(false).build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final String id = this.emulator.seed(OperationState.RUNNING);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void refusesAnApiBodyOverTheLimitInTheDocumentedErrorShape() {
		EmulatorHttp.Response response = this.http.post("/v1/operations/" + this.id + "/wait",
				"{\"timeoutMs\": 0, \"padding\": \"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}");
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("content-type")).isEqualTo("application/json");
		assertThat(response.json().get("code").asString()).isEqualTo("request.too_large");
		assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("x-request-id"));
		assertThat(this.emulator.requests()).singleElement().satisfies((request) -> {
			assertThat(request.status()).isEqualTo(413);
			assertThat(request.body()).isEmpty();
		});
	}

	@Test
	void refusesAControlBodyOverTheLimit() {
		EmulatorHttp.Response response = this.http.withAuthorization(null)
			.post("/_emulator/operations",
					"{\"status\": \"running\", \"runtimeKind\": \"" + "x".repeat(RequestBody.MAX_BYTES) + "\"}");
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("code").asString()).isEqualTo("request.too_large");
	}

	@Test
	void keepsBodiesTruncatedInTheRequestLog() {
		String body = "{\"timeoutMs\": 0, \"padding\": \"" + "x".repeat(5000) + "\"}";
		assertThat(this.http.post("/v1/operations/" + this.id + "/wait", body).status()).isEqualTo(200);
		String logged = this.emulator.requests().get(0).body();
		assertThat(logged).startsWith(body.substring(0, RequestBody.LOGGED_CHARS))
			.endsWith("… (" + (body.length() - RequestBody.LOGGED_CHARS) + " more characters)");
	}

	@Test
	void refusesASeedCountOverTheLimitWithTheRange() {
		EmulatorHttp.Response response = this.http.withAuthorization(null)
			.post("/_emulator/operations", "{\"status\": \"running\", \"count\": 5000000}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString())
			.isEqualTo("count must be a whole number from 1 to 100000 but was 5000000");
		assertThat(this.http.withAuthorization(null)
			.post("/_emulator/operations", "{\"status\": \"running\", \"count\": 2000000000}")
			.status()).isEqualTo(400);
		assertThat(this.emulator.operations()).hasSize(1);
	}

	@Test
	void answersARequestLineOverTheLimitInTheDocumentedErrorShape() throws IOException {
		String response = RawHttp.exchange(this.emulator, "GET /v1/operations/" + "x".repeat(10_000)
				+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 414")
			.contains("content-type: application/json")
			.contains("\"code\":\"request.uri_too_long\"");
	}

	@Test
	void answersHeadersOverTheLimitInTheDocumentedErrorShape() throws IOException {
		String response = RawHttp.exchange(this.emulator, "GET /v1/operations/" + this.id
				+ " HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 431").contains("\"code\":\"request.headers_too_large\"");
	}

}
