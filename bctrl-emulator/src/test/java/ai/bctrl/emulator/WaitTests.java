package ai.bctrl.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/operations/{id}/wait}: held without blocking until the operation is
 * terminal or the timeout passes, then answered with the operation wrapped under
 * {@code "operation"}.
 */
class WaitTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder()
		.port(0)
		.autoProgress(false)
		.cancellingDelay(Duration.ofMillis(50))
		.defaultWaitTimeout(Duration.ofMillis(150))
		.maxWaitTimeout(Duration.ofMillis(300))
		.ioThreads(1)
		.build()
		.start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private CompletableFuture<EmulatorHttp.Response> waitFor(String id, String body) {
		return this.http.sendAsync("POST", "/v1/operations/" + id + "/wait", body);
	}

	@Test
	void waitHeldAcrossAResetFindsNoOperationAndIsNotLoggedAfterIt() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		CompletableFuture<EmulatorHttp.Response> response = waitFor(id, "{\"timeoutMs\": 250}");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.inFlightRequests() == 1);
		this.emulator.reset();
		EmulatorHttp.Response answer = response.get(5, TimeUnit.SECONDS);
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json().get("code").asString()).isEqualTo("operation.not_found");
		assertThat(this.emulator.requests()).isEmpty();
	}

	@Test
	void holdsTheRequestUntilTheOperationFinishes() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		// A server-side timeout far beyond the test: only finishing the operation ends
		// it.
		CompletableFuture<EmulatorHttp.Response> response = waitFor(id, "{\"timeoutMs\": 60000}");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.inFlightRequests() == 1);
		assertThat(response).isNotDone();
		this.emulator.finish(id, OperationState.SUCCEEDED);
		EmulatorHttp.Response finished = response.get(30, TimeUnit.SECONDS);
		assertThat(finished.status()).isEqualTo(200);
		assertThat(finished.json().get("operation").get("status").asString()).isEqualTo("succeeded");
		assertThat(finished.json().get("operation").get("result").get("steps")).hasSize(3);
	}

	@Test
	void returnsWhenACancelledOperationBecomesCancelled() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		assertThat(this.http.cancel(id).operationStatus()).isEqualTo("cancelling");
		// The wait's own timeout (60 s) is beyond the get's: an answer means the state
		// change ended the wait.
		EmulatorHttp.Response response = waitFor(id, "{\"timeoutMs\": 60000}").get(30, TimeUnit.SECONDS);
		assertThat(response.operationStatus()).isEqualTo("cancelled");
	}

	@Test
	void returnsTheCurrentStateWhenTheTimeoutPasses() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		long start = System.nanoTime();
		EmulatorHttp.Response response = waitFor(id, "{\"timeoutMs\": 100}").get(2, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.operationStatus()).isEqualTo("running");
	}

	@Test
	void returnsAtOnceForAFinishedOperation() throws Exception {
		String id = this.emulator.seed(OperationState.FAILED);
		EmulatorHttp.Response response = waitFor(id, "{\"timeoutMs\": 60000}").get(1, TimeUnit.SECONDS);
		assertThat(response.operationStatus()).isEqualTo("failed");
	}

	@Test
	void returnsAtOnceForZeroTimeout() throws Exception {
		String id = this.emulator.seed(OperationState.QUEUED);
		EmulatorHttp.Response response = waitFor(id, "{\"timeoutMs\": 0}").get(1, TimeUnit.SECONDS);
		assertThat(response.operationStatus()).isEqualTo("queued");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{}", "{\"timeoutMs\": null}" })
	void usesTheDefaultTimeoutWithoutTimeoutMs(String body) throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		long start = System.nanoTime();
		EmulatorHttp.Response response = waitFor(id, body.isEmpty() ? null : body).get(2, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(response.operationStatus()).isEqualTo("running");
	}

	@Test
	void capsTheTimeoutAtTheMaximum() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		EmulatorHttp.Response response = waitFor(id, "{\"timeoutMs\": 3600000}").get(2, TimeUnit.SECONDS);
		assertThat(response.operationStatus()).isEqualTo("running");
	}

	@Test
	void servesOtherRequestsWhileWaitsAreHeldOnASingleThread() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		List<CompletableFuture<EmulatorHttp.Response>> waits = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			waits.add(waitFor(id, "{\"timeoutMs\": 300}"));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.inFlightRequests() == 20);
		assertThat(this.http.get("/v1/operations/" + id).operationStatus()).isEqualTo("running");
		assertThat(waits).noneMatch(CompletableFuture::isDone);
		this.emulator.finish(id, OperationState.TIMED_OUT);
		for (CompletableFuture<EmulatorHttp.Response> wait : waits) {
			assertThat(wait.get(1, TimeUnit.SECONDS).operationStatus()).isEqualTo("timed_out");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"timeoutMs\": -1}", "{\"timeoutMs\": 1.5}", "{\"timeoutMs\": \"100\"}", "[]", "\"x\"",
			"{\"timeoutMs\":", "not json" })
	void rejectsAMalformedBody(String body) {
		String id = this.emulator.seed(OperationState.RUNNING);
		EmulatorHttp.Response response = this.http.post("/v1/operations/" + id + "/wait", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("content-type")).isEqualTo("application/json");
		assertThat(response.json().get("code").asString()).isEqualTo("request.invalid");
		assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("x-request-id"));
	}

	@Test
	void answersUnknownOperationWithNotFound() {
		EmulatorHttp.Response response = this.http.post("/v1/operations/missing/wait", "{\"timeoutMs\": 10}");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("code").asString()).isEqualTo("operation.not_found");
	}

}
