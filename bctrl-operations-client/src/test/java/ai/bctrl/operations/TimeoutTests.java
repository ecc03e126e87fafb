package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.retry;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fault catalogue 4-5: the attempt timeout bounds the whole attempt, response body
 * included, and the deadline bounds the call.
 */
class TimeoutTests {

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void unansweredRequestTimesOutIsRetriedThenFailsWithinTheDeadline() {
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(200))
			.deadline(Duration.ofSeconds(2))
			.build());
		long start = System.nanoTime();
		BctrlTimeoutException failure = catchThrowableOfType(BctrlTimeoutException.class,
				() -> test.client().cancel("op_1").block());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(failure.attempts()).isEqualTo(3);
		assertThat(failure).hasMessageContaining("no complete response within 0.2s")
			.hasMessageContaining("after 3 attempts");
		assertThat(this.server.requestCount()).isEqualTo(3);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
		// 3 x 200 ms + 50 ms + 100 ms, well within the 2 s deadline.
		assertThat(elapsed).isBetween(Duration.ofMillis(750), Duration.ofMillis(1500));
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(3);
	}

	@Test
	void deadlineCutsTheLastAttemptShort() {
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(300))
			.deadline(Duration.ofMillis(500))
			.build(), () -> 0.0);
		long start = System.nanoTime();
		BctrlTimeoutException failure = catchThrowableOfType(BctrlTimeoutException.class,
				() -> test.client().cancel("op_1").block());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(failure.attempts()).isEqualTo(2);
		assertThat(failure).hasMessageContaining("deadline of 0.5s exceeded");
		assertThat(this.server.requestCount()).isEqualTo(2);
		assertThat(elapsed).isBetween(Duration.ofMillis(480), Duration.ofMillis(800));
	}

	@Test
	void bodyDribbledPastTheAttemptTimeoutTimesOutTheWholeAttempt() {
		String body = operationJson("op_1", OperationStatus.CANCELLING);
		AtomicInteger bytesSent = new AtomicInteger();
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.dribble(response, body,
				Duration.ofMillis(10), bytesSent));
		TestClient test = client(
				settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(300)).retry(retry(2)).build(),
				() -> 0.0);
		long start = System.nanoTime();
		BctrlTimeoutException failure = catchThrowableOfType(BctrlTimeoutException.class,
				() -> test.client().cancel("op_1").block());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(failure.attempts()).isEqualTo(2);
		assertThat(failure).hasMessageContaining("no complete response within 0.3s");
		assertThat(this.server.requestCount()).isEqualTo(2);
		// Each attempt ended at 300 ms although a byte arrived every 10 ms; the whole
		// body
		// would have taken more than 3 s.
		assertThat(body.length() * 10L).isGreaterThan(3000);
		assertThat(elapsed).isBetween(Duration.ofMillis(600), Duration.ofMillis(1200));
		assertThat(bytesSent.get()).isBetween(20, body.length() - 1);
		// The client gave up on both connections.
		assertThat(this.server.channels()).hasSize(2)
			.allSatisfy((channel) -> assertThat(channel.closeFuture().awaitUninterruptibly(1000)).isTrue());
	}

}
