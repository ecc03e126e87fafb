package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.retry;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault catalogue 4-5: the attempt timeout bounds the whole attempt, response body
 * included, and the deadline bounds the call.
 */
class TimeoutTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	/** When the call failed, in virtual milliseconds. */
	private final AtomicLong failedAtMillis = new AtomicLong(-1);

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
		this.time.dispose();
	}

	@Test
	void unansweredRequestTimesOutIsRetriedThenFailsWithinTheDeadline() {
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(200))
			.deadline(Duration.ofSeconds(2))
			.build(), () -> 0.5, this.time);
		StepVerifier.create(timed(test.client().cancel("op_1")))
			.then(() -> awaitRequests(1))
			.then(() -> advance(200 + 50))
			.then(() -> awaitRequests(2))
			.then(() -> advance(200 + 100))
			.then(() -> awaitRequests(3))
			.then(() -> advance(200))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(BctrlTimeoutException.class)
					.hasMessageContaining("no complete response within 0.2s")
					.hasMessageContaining("after 3 attempts");
				assertThat(((BctrlTimeoutException) failure).attempts()).isEqualTo(3);
			})
			.verify(WireTestSupport.BLOCK);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
		// 3 x 200 ms + 50 ms + 100 ms, well within the 2 s deadline.
		assertThat(this.failedAtMillis).hasValue(750);
		assertThat(this.server.requestCount()).isEqualTo(3);
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(3);
	}

	@Test
	void deadlineCutsTheLastAttemptShort() {
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(300))
			.deadline(Duration.ofMillis(500))
			.build(), () -> 0.0, this.time);
		StepVerifier.create(timed(test.client().cancel("op_1")))
			.then(() -> awaitRequests(1))
			.then(() -> advance(300))
			.then(() -> awaitRequests(2))
			.then(() -> advance(199))
			.expectNoEvent(Duration.ZERO)
			.then(() -> advance(1))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(BctrlTimeoutException.class)
					.hasMessageContaining("deadline of 0.5s exceeded");
				assertThat(((BctrlTimeoutException) failure).attempts()).isEqualTo(2);
			})
			.verify(WireTestSupport.BLOCK);
		// The second attempt had 200 ms left of the deadline, not its 300 ms.
		assertThat(this.failedAtMillis).hasValue(500);
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void bodyDribbledPastTheAttemptTimeoutTimesOutTheWholeAttempt() {
		String body = operationJson("op_1", OperationStatus.CANCELLING);
		AtomicInteger bytesSent = new AtomicInteger();
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.dribble(response, body,
				Duration.ofMillis(10), bytesSent));
		TestClient test = client(
				settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(300)).retry(retry(2)).build(),
				() -> 0.0, this.time);
		// A byte every 10 ms: the whole body would take more than 3 s of real time.
		assertThat(body.length() * 10L).isGreaterThan(3000);
		// The server dribbles in real time; each attempt ends when virtual time passes
		// its
		// timeout while bytes are arriving.
		StepVerifier.create(test.client().cancel("op_1"))
			.then(() -> await().atMost(WireTestSupport.BLOCK).until(() -> bytesSent.get() > 0))
			.then(() -> advance(300))
			.then(() -> awaitRequests(2))
			.then(() -> {
				int before = bytesSent.get();
				await().atMost(WireTestSupport.BLOCK).until(() -> bytesSent.get() > before);
			})
			.then(() -> advance(300))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(BctrlTimeoutException.class)
					.hasMessageContaining("no complete response within 0.3s");
				assertThat(((BctrlTimeoutException) failure).attempts()).isEqualTo(2);
			})
			.verify(WireTestSupport.BLOCK);
		assertThat(this.server.requestCount()).isEqualTo(2);
		// The client gave up on both connections.
		assertThat(this.server.channels()).hasSize(2)
			.allSatisfy((channel) -> assertThat(channel.closeFuture().awaitUninterruptibly(10_000)).isTrue());
	}

	private <T> Mono<T> timed(Mono<T> call) {
		return call.doOnError((failure) -> this.failedAtMillis.set(this.time.now(TimeUnit.MILLISECONDS)));
	}

	/**
	 * Wait (in real time) until the server has the request: its attempt timeout is armed
	 * before it is sent.
	 */
	private void awaitRequests(int count) {
		await().atMost(WireTestSupport.BLOCK).until(() -> this.server.requestCount() >= count);
	}

	private void advance(long millis) {
		this.time.advanceTimeBy(Duration.ofMillis(millis));
	}

}
