package ai.bctrl.emulator;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request log: what was asked, and what was answered.
 */
class RequestLogTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).requestLogLimit(3).build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final String id = this.emulator.seed(OperationState.RUNNING);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void recordsRequestAndResponse() {
		Instant before = Instant.now();
		EmulatorHttp.Response response = this.http.post("/v1/operations/" + this.id + "/wait?x=1", "{\"timeoutMs\":0}");
		RecordedRequest request = this.emulator.requests().get(0);
		assertThat(request.requestId()).isEqualTo(response.header("x-request-id"));
		assertThat(request.receivedAt()).isBetween(before, Instant.now());
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/operations/" + this.id + "/wait?x=1");
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.headers()).containsKeys("host", "content-length", "authorization");
		assertThat(request.body()).isEqualTo("{\"timeoutMs\":0}");
		assertThat(request.status()).isEqualTo(200);
		assertThat(request.fault()).isNull();
		assertThat(request.authorized()).isTrue();
	}

	@Test
	void recordsThePathAsSent() {
		this.http.get("/v1/operations/a%2Fb%3Fc");
		assertThat(this.emulator.requests().get(0).path()).isEqualTo("/v1/operations/a%2Fb%3Fc");
		assertThat(this.emulator.requests().get(0).status()).isEqualTo(404);
	}

	@Test
	void recordsErrorsToo() {
		this.http.withAuthorization(null).cancel(this.id);
		this.http.get("/nowhere");
		assertThat(this.emulator.requests()).extracting(RecordedRequest::status).containsExactly(401, 404);
	}

	@Test
	void keepsOnlyTheMostRecentRequests() {
		for (int i = 0; i < 5; i++) {
			this.http.get("/v1/operations/" + this.id + "?n=" + i);
		}
		assertThat(this.emulator.requests()).extracting(RecordedRequest::path)
			.containsExactly("/v1/operations/" + this.id + "?n=2", "/v1/operations/" + this.id + "?n=3",
					"/v1/operations/" + this.id + "?n=4");
	}

	@Test
	void leavesOutTheControlApi() {
		this.http.get("/_emulator/requests");
		this.http.post("/_emulator/operations", "{\"status\":\"queued\"}");
		assertThat(this.emulator.requests()).isEmpty();
		assertThat(this.emulator.maxConcurrentRequests()).isZero();
	}

	@Test
	void clearsTheLog() {
		this.http.get("/v1/operations/" + this.id);
		this.emulator.clearRequests();
		assertThat(this.emulator.requests()).isEmpty();
	}

}
