package ai.bctrl.emulator;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The operation lifecycle as seen over HTTP: cancel rules, automatic progression, frozen
 * operations.
 */
class LifecycleTests {

	private BctrlEmulator emulator;

	private EmulatorHttp http;

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private void start(BctrlEmulator.Builder builder) {
		this.emulator = builder.port(0).build().start();
		this.http = new EmulatorHttp(this.emulator);
	}

	private void startFrozen() {
		start(BctrlEmulator.builder().autoProgress(false).cancellingDelay(Duration.ofMillis(50)));
	}

	@ParameterizedTest
	@EnumSource(names = { "QUEUED", "DISPATCHING" })
	void cancelsOperationThatHasNotStartedAtOnce(OperationState state) {
		startFrozen();
		String id = this.emulator.seed(state);
		EmulatorHttp.Response response = this.http.cancel(id);
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("id").asString()).isEqualTo(id);
		assertThat(body.get("status").asString()).isEqualTo("cancelled");
		assertThat(body.get("cancelRequestedAt").isString()).isTrue();
		assertThat(body.get("finishedAt").asString()).isEqualTo(body.get("cancelRequestedAt").asString());
		assertThat(this.emulator.operation(id))
			.hasValueSatisfying((operation) -> assertThat(operation.state()).isEqualTo(OperationState.CANCELLED));
	}

	@Test
	void movesRunningOperationToCancellingThenCancelledAfterTheDelay() {
		startFrozen();
		String id = this.emulator.seed(OperationState.RUNNING);
		JsonNode cancelling = this.http.cancel(id).json();
		assertThat(cancelling.get("status").asString()).isEqualTo("cancelling");
		assertThat(cancelling.get("cancelRequestedAt").isString()).isTrue();
		assertThat(cancelling.get("finishedAt").isNull()).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.http.get("/v1/operations/" + id).operationStatus().equals("cancelled"));
		JsonNode cancelled = this.http.get("/v1/operations/" + id).json();
		assertThat(cancelled.get("cancelRequestedAt")).isEqualTo(cancelling.get("cancelRequestedAt"));
		assertThat(Instant.parse(cancelled.get("finishedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(cancelling.get("cancelRequestedAt").asString()).plusMillis(50));
	}

	@Test
	void keepsTheFirstCancelRequestWhenCancelledAgain() {
		start(BctrlEmulator.builder().autoProgress(false).cancellingDelay(Duration.ofSeconds(10)));
		String id = this.emulator.seed(OperationState.RUNNING);
		JsonNode first = this.http.cancel(id).json();
		JsonNode second = this.http.cancel(id).json();
		assertThat(second.get("status").asString()).isEqualTo("cancelling");
		assertThat(second.get("cancelRequestedAt")).isEqualTo(first.get("cancelRequestedAt"));
	}

	@ParameterizedTest
	@EnumSource(names = { "SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT" })
	void leavesFinishedOperationUnchanged(OperationState state) {
		startFrozen();
		String id = this.emulator.seed(state);
		String before = this.http.get("/v1/operations/" + id).body();
		EmulatorHttp.Response response = this.http.cancel(id);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(before);
		assertThat(response.operationStatus()).isEqualTo(state.wireValue());
	}

	@Test
	void progressesQueuedOperationToSucceededWithResult() {
		start(BctrlEmulator.builder()
			.queuedFor(Duration.ofMillis(10))
			.dispatchingFor(Duration.ofMillis(10))
			.runningFor(Duration.ofMillis(20)));
		String id = this.emulator.seed(OperationState.QUEUED);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.http.get("/v1/operations/" + id).operationStatus().equals("succeeded"));
		JsonNode body = this.http.get("/v1/operations/" + id).json();
		assertThat(body.get("startedAt").isString()).isTrue();
		assertThat(body.get("finishedAt").isString()).isTrue();
		assertThat(body.get("cancelRequestedAt").isNull()).isTrue();
		assertThat(body.get("error").isNull()).isTrue();
		assertThat(body.get("result").get("ok").booleanValue()).isTrue();
		assertThat(body.get("result").get("steps")).hasSize(3);
	}

	@Test
	void passesThroughEveryStateOnItsWay() {
		start(BctrlEmulator.builder()
			.queuedFor(Duration.ofMillis(80))
			.dispatchingFor(Duration.ofMillis(80))
			.runningFor(Duration.ofMillis(80)));
		String id = this.emulator.seed(OperationState.QUEUED);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.emulator.operation(id).orElseThrow().state() == OperationState.DISPATCHING);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.emulator.operation(id).orElseThrow().state() == OperationState.RUNNING);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.emulator.operation(id).orElseThrow().state() == OperationState.SUCCEEDED);
	}

	@ParameterizedTest
	@EnumSource(names = { "FAILED", "TIMED_OUT" })
	void progressesToTheSeededOutcome(OperationState outcome) {
		start(BctrlEmulator.builder().runningFor(Duration.ofMillis(20)));
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).outcome(outcome)).get(0);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.http.get("/v1/operations/" + id).operationStatus().equals(outcome.wireValue()));
		JsonNode error = this.http.get("/v1/operations/" + id).json().get("error");
		assertThat(error.get("message").asString()).isNotBlank();
	}

	@Test
	void cancelsRunningOperationBeforeItWouldHaveSucceeded() {
		start(BctrlEmulator.builder().runningFor(Duration.ofMillis(100)).cancellingDelay(Duration.ofMillis(300)));
		String id = this.emulator.seed(OperationState.RUNNING);
		assertThat(this.http.cancel(id).operationStatus()).isEqualTo("cancelling");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.emulator.operation(id).orElseThrow().state() == OperationState.CANCELLED);
	}

	@Test
	void keepsFrozenOperationInItsStateUntilCancelled() throws InterruptedException {
		start(BctrlEmulator.builder()
			.queuedFor(Duration.ofMillis(1))
			.dispatchingFor(Duration.ofMillis(1))
			.runningFor(Duration.ofMillis(1))
			.cancellingDelay(Duration.ofMillis(20)));
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		// A real wait is the behaviour under test: fifty times the 1 ms lifecycle steps.
		Thread.sleep(50);
		assertThat(this.http.get("/v1/operations/" + id).operationStatus()).isEqualTo("running");
		assertThat(this.http.cancel(id).operationStatus()).isEqualTo("cancelling");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.emulator.operation(id).orElseThrow().state() == OperationState.CANCELLED);
	}

	@Test
	void keepsEveryOperationInItsStateWithoutAutoProgress() throws InterruptedException {
		start(BctrlEmulator.builder()
			.autoProgress(false)
			.queuedFor(Duration.ofMillis(1))
			.dispatchingFor(Duration.ofMillis(1))
			.runningFor(Duration.ofMillis(1)));
		String queued = this.emulator.seed(OperationState.QUEUED);
		String running = this.emulator.seed(OperationState.RUNNING);
		// A real wait is the behaviour under test: fifty times the 1 ms lifecycle steps.
		Thread.sleep(50);
		assertThat(this.emulator.operation(queued).orElseThrow().state()).isEqualTo(OperationState.QUEUED);
		assertThat(this.emulator.operation(running).orElseThrow().state()).isEqualTo(OperationState.RUNNING);
	}

	@Test
	void finishesSeededCancellingOperation() {
		start(BctrlEmulator.builder().autoProgress(false).cancellingDelay(Duration.ofMillis(20)));
		String id = this.emulator.seed(OperationState.CANCELLING);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.emulator.operation(id).orElseThrow().state() == OperationState.CANCELLED);
	}

	@Test
	void keepsSeededFrozenCancellingOperation() throws InterruptedException {
		start(BctrlEmulator.builder().cancellingDelay(Duration.ofMillis(1)));
		String id = this.emulator.seed(Seed.of(OperationState.CANCELLING).frozen(true)).get(0);
		// A real wait is the behaviour under test: fifty times the 1 ms lifecycle steps.
		Thread.sleep(50);
		assertThat(this.http.cancel(id).operationStatus()).isEqualTo("cancelling");
	}

	@Test
	void finishesOperationThroughTheJavaApi() {
		startFrozen();
		String id = this.emulator.seed(OperationState.RUNNING);
		OperationSnapshot finished = this.emulator.finish(id, OperationState.FAILED);
		assertThat(finished.state()).isEqualTo(OperationState.FAILED);
		assertThat(finished.finishedAt()).isNotNull();
		assertThat(this.http.get("/v1/operations/" + id).operationStatus()).isEqualTo("failed");
		assertThat(this.emulator.finish(id, OperationState.SUCCEEDED).state()).isEqualTo(OperationState.FAILED);
	}

	@Test
	void refusesToFinishWithStateThatIsNotTerminal() {
		startFrozen();
		String id = this.emulator.seed(OperationState.RUNNING);
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.finish(id, OperationState.CANCELLING));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.finish("nope", OperationState.FAILED));
	}

	@Test
	void seedsOperationsOfEveryRuntimeKind() {
		startFrozen();
		for (String kind : Seed.RUNTIME_KINDS) {
			String id = this.emulator.seed(Seed.of(OperationState.RUNNING).runtimeKind(kind)).get(0);
			JsonNode body = this.http.get("/v1/operations/" + id).json();
			assertThat(body.get("runtimeKind").asString()).isEqualTo(kind);
			assertThat(body.get("currentCall").asString()).isNotBlank();
		}
	}

	@Test
	void answersUnknownOperationWithNotFound() {
		startFrozen();
		EmulatorHttp.Response response = this.http.cancel("3f2c0000-0000-4000-8000-000000000000");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("code").asString()).isEqualTo("operation.not_found");
	}

	@Test
	void decodesTheOperationIdAsOnePathSegment() {
		startFrozen();
		EmulatorHttp.Response response = this.http.get("/v1/operations/..%2Fx");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("code").asString()).isEqualTo("operation.not_found");
		assertThat(response.json().get("error").asString()).contains("'../x'");
	}

}
