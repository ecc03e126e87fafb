package ai.bctrl.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.FaultKind;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.RecordedRequest;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: {@code cancelAll} as one well-mannered caller, against the emulator over
 * real sockets (real time: the emulator's request log is the evidence).
 */
class BulkCancelStormTests {

	private BctrlEmulator emulator;

	@AfterEach
	void stopEmulator() {
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Test
	void retryAfterPausesTheWholeBatch() {
		this.emulator = BctrlEmulator.builder().port(0).build().start();
		OperationsClient client = client(ResilienceFixtures.BREAKER);
		// Connections are open before the fault, so the requests in flight with the
		// throttled one reach the emulator together with it.
		assertThat(cancelAll(client, this.emulator.seed(OperationState.QUEUED, 64))).allMatch(CancelResult::isSuccess);
		List<String> ids = this.emulator.seed(OperationState.QUEUED, 2_000);
		this.emulator.clearRequests();
		this.emulator.faults().next(1).status(429, Duration.ofSeconds(2));

		List<CancelResult> results = cancelAll(client, ids);

		assertThat(results).hasSize(2_000).allMatch(CancelResult::isSuccess);
		List<RecordedRequest> requests = this.emulator.requests();
		Instant throttled = requests.stream()
			.filter((request) -> request.status() == 429)
			.map(RecordedRequest::receivedAt)
			.findFirst()
			.orElseThrow();
		// The requests in flight with the throttled one, and the few started before its
		// answer was read, may arrive after it; then nothing until its 2 s have nearly
		// passed (the pause starts when the client reads the answer). The throttled
		// request itself opens the list: when none arrived after it, the gap is the one
		// that follows it.
		List<Instant> after = requests.stream()
			.map(RecordedRequest::receivedAt)
			.filter((receivedAt) -> !receivedAt.isBefore(throttled))
			.sorted()
			.toList();
		assertThat(after).filteredOn((receivedAt) -> receivedAt.isBefore(throttled.plusMillis(1_500)))
			.hasSizeLessThan(64);
		Duration longestGap = Duration.ZERO;
		for (int i = 1; i < after.size(); i++) {
			Duration gap = Duration.between(after.get(i - 1), after.get(i));
			longestGap = (gap.compareTo(longestGap) > 0) ? gap : longestGap;
		}
		assertThat(longestGap)
			.as(() -> "requests after the 429 (ms after it: status): " + requests.stream()
				.limit(120)
				.map((request) -> Duration.between(throttled, request.receivedAt()).toMillis() + ":" + request.status())
				.toList())
			.isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
	}

	@Test
	void batchRidesOutAnOutageWithFewRequests() {
		this.emulator = BctrlEmulator.builder().port(0).requestLogLimit(50_000).build().start();
		// The breaker half-opens 2 s after it opened, to keep the test short.
		OperationsClient client = client(
				CircuitBreakerSettings.builder().waitDurationInOpenState(Duration.ofSeconds(2)).build());
		List<String> ids = this.emulator.seed(OperationState.QUEUED, 10_000);
		this.emulator.faults().always().outage(Duration.ofSeconds(5));

		List<CancelResult> results = cancelAll(client, ids);

		assertThat(results).hasSize(10_000).allMatch(CancelResult::isSuccess);
		assertThat(this.emulator.requests()).filteredOn((request) -> request.fault() == FaultKind.OUTAGE)
			.isNotEmpty()
			.hasSizeLessThanOrEqualTo(500);
	}

	private OperationsClient client(CircuitBreakerSettings breaker) {
		return ResilienceFixtures
			.client(ResilienceFixtures.settings(this.emulator.baseUrl())
				.apiKey(this.emulator.apiKey())
				// Room for a loaded machine: timeouts are not under test.
				.attemptTimeout(Duration.ofSeconds(5))
				.deadline(Duration.ofSeconds(20))
				.circuitBreaker(breaker)
				.build())
			.client();
	}

	private static List<CancelResult> cancelAll(OperationsClient client, List<String> ids) {
		return client.cancelAll(Flux.fromIterable(ids)).collectList().block(Duration.ofSeconds(120));
	}

}
