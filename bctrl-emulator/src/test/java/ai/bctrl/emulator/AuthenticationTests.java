package ai.bctrl.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Authorization: Bearer <key>} on {@code /v1/**}, with the documented 401 body.
 */
class AuthenticationTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).apiKey("k-123").build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final String id = this.emulator.seed(OperationState.QUEUED);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void acceptsAKeyConfiguredWithSurroundingWhitespace() {
		try (BctrlEmulator spaced = BctrlEmulator.builder().port(0).apiKey("  k-456 \t").build().start()) {
			String operation = spaced.seed(OperationState.QUEUED);
			assertThat(spaced.apiKey()).isEqualTo("k-456");
			assertThat(new EmulatorHttp(spaced).withAuthorization("Bearer k-456")
				.get("/v1/operations/" + operation)
				.status()).isEqualTo(200);
		}
	}

	@Test
	void rejectsRequestWithoutKey() {
		EmulatorHttp.Response response = this.http.withAuthorization(null).cancel(this.id);
		assertUnauthorized(response, "auth.required");
		assertThat(this.emulator.operation(this.id).orElseThrow().state()).isEqualTo(OperationState.QUEUED);
	}

	@Test
	void rejectsBlankAuthorization() {
		assertUnauthorized(this.http.withAuthorization(" ").get("/v1/operations/" + this.id), "auth.required");
	}

	@Test
	void rejectsWrongKey() {
		assertUnauthorized(this.http.withAuthorization("Bearer k-124").get("/v1/operations/" + this.id),
				"auth.invalid");
	}

	@Test
	void rejectsOtherScheme() {
		assertUnauthorized(this.http.withAuthorization("Basic k-123").get("/v1/operations/" + this.id), "auth.invalid");
	}

	@Test
	void checksTheKeyBeforeTheOperationExists() {
		assertUnauthorized(this.http.withAuthorization("Bearer nope").get("/v1/operations/missing"), "auth.invalid");
	}

	@Test
	void acceptsTheSchemeInAnyCase() {
		assertThat(this.http.withAuthorization("bearer k-123").get("/v1/operations/" + this.id).status())
			.isEqualTo(200);
	}

	@Test
	void needsNoKeyForTheControlApi() {
		assertThat(this.http.withAuthorization(null).get("/_emulator/operations").status()).isEqualTo(200);
	}

	@Test
	void needsNoKeyOutsideTheApi() {
		assertThat(this.http.withAuthorization(null).get("/").status()).isEqualTo(404);
	}

	@Test
	void logsWhetherTheKeyWasValidWithoutTheKey() {
		this.http.get("/v1/operations/" + this.id);
		this.http.withAuthorization("Bearer wrong").get("/v1/operations/" + this.id);
		this.http.withAuthorization(null).get("/v1/operations/" + this.id);
		assertThat(this.emulator.requests()).extracting(RecordedRequest::authorized)
			.containsExactly(true, false, false);
		assertThat(this.emulator.requests()).extracting(RecordedRequest::hasAuthorization)
			.containsExactly(true, true, false);
		assertThat(this.emulator.requests().get(0).header("Authorization")).isEqualTo("Bearer ****");
		assertThat(this.emulator.requests().toString()).doesNotContain("k-123");
	}

	private void assertUnauthorized(EmulatorHttp.Response response, String code) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("content-type")).isEqualTo("application/json");
		assertThat(response.header("www-authenticate")).isEqualTo("Bearer");
		JsonNode body = response.json();
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("error").asString()).isNotBlank();
		assertThat(body.get("requestId").asString()).isEqualTo(response.header("x-request-id")).startsWith("req_");
		OpenApiContract.ERROR.assertValid(body);
	}

}
