package ai.bctrl.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many requests at once: no cancel lost, faults counted exactly, concurrency measured.
 */
class ConcurrencyTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder()
		.port(0)
		.autoProgress(false)
		.cancellingDelay(Duration.ofMillis(20))
		.build()
		.start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void losesNoneOfAThousandParallelCancels() {
		List<String> running = this.emulator.seed(OperationState.RUNNING, 500);
		List<String> queued = this.emulator.seed(OperationState.QUEUED, 500);
		List<CompletableFuture<EmulatorHttp.Response>> responses = Stream.concat(running.stream(), queued.stream())
			.map((id) -> this.http.sendAsync("POST", "/v1/operations/" + id + "/cancel", null))
			.toList();
		List<EmulatorHttp.Response> answered = responses.stream().map(CompletableFuture::join).toList();
		assertThat(answered).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
		assertThat(answered).extracting(EmulatorHttp.Response::operationStatus)
			.containsOnly("cancelling", "cancelled")
			.filteredOn("cancelled"::equals)
			.hasSize(500);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.emulator.operations()
				.stream()
				.allMatch((operation) -> operation.state() == OperationState.CANCELLED));
		assertThat(this.emulator.requests()).hasSize(1000);
		assertThat(this.emulator.maxConcurrentRequests()).isBetween(2, 1000);
		assertThat(this.emulator.inFlightRequests()).isZero();
	}

	@Test
	void cancelsOneOperationOnceUnderConcurrentRequests() {
		String id = this.emulator.seed(OperationState.RUNNING);
		List<EmulatorHttp.Response> answered = IntStream.range(0, 200)
			.mapToObj((i) -> this.http.sendAsync("POST", "/v1/operations/" + id + "/cancel", null))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.toList();
		assertThat(answered).extracting((response) -> response.json().get("cancelRequestedAt").asString())
			.containsOnly(OperationBodies.timestamp(this.emulator.operation(id).orElseThrow().cancelRequestedAt()));
	}

	@Test
	void hitsExactlyTheNextRequestsUnderConcurrency() {
		String id = this.emulator.seed(OperationState.QUEUED);
		Fault fault = this.emulator.faults().next(25).status(503);
		List<Integer> statuses = IntStream.range(0, 200)
			.mapToObj((i) -> this.http.sendAsync("GET", "/v1/operations/" + id, null))
			.toList()
			.stream()
			.map((response) -> response.join().status())
			.toList();
		assertThat(statuses).filteredOn((status) -> status == 503).hasSize(25);
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(175);
		assertThat(fault.triggered()).isEqualTo(25);
	}

	@Test
	void countsRequestsInFlightAndTheirMaximum() throws Exception {
		String id = this.emulator.seed(OperationState.RUNNING);
		List<CompletableFuture<EmulatorHttp.Response>> waits = IntStream.range(0, 7)
			.mapToObj((i) -> this.http.sendAsync("POST", "/v1/operations/" + id + "/wait", "{\"timeoutMs\": 5000}"))
			.toList();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.inFlightRequests() == 7);
		assertThat(this.emulator.maxConcurrentRequests()).isEqualTo(7);
		this.emulator.finish(id, OperationState.SUCCEEDED);
		for (CompletableFuture<EmulatorHttp.Response> wait : waits) {
			wait.get(2, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.inFlightRequests() == 0);
		assertThat(this.emulator.maxConcurrentRequests()).isEqualTo(7);
		this.emulator.clearRequests();
		assertThat(this.emulator.maxConcurrentRequests()).isZero();
		this.http.get("/v1/operations/" + id);
		assertThat(this.emulator.maxConcurrentRequests()).isEqualTo(1);
	}

}
