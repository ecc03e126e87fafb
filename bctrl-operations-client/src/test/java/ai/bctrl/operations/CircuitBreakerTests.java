package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.retry;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault catalogue 11-12: the breaker counts every attempt, opens on failures of the
 * service, refuses calls without sending a request while open, and closes after a
 * successful trial; answers of the service, 4xx included, never open it.
 */
class CircuitBreakerTests {

	/**
	 * Window of 4 attempts, opens at 50 %, one trial call; stays open until the test
	 * moves it to half-open.
	 */
	private static final CircuitBreakerSettings SMALL_BREAKER = CircuitBreakerSettings.builder()
		.enabled(true)
		.failureRateThreshold(50f)
		.slidingWindowSize(4)
		.minimumNumberOfCalls(4)
		.waitDurationInOpenState(Duration.ofMinutes(10))
		.permittedCallsInHalfOpenState(1)
		.build();

	private final MockWebServer server = WireTestSupport.startServer();

	private LoopbackServer loopbackServer;

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@AfterEach
	void stopServers() {
		this.server.close();
		this.time.dispose();
		if (this.loopbackServer != null) {
			this.loopbackServer.close();
		}
	}

	@Test
	void opensAfterFailuresThenFailsFastThenClosesAfterSuccessfulTrial() {
		for (int i = 0; i < 4; i++) {
			this.server.enqueue(error(503));
		}
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLED));
		TestClient test = client(settings(baseUrl(this.server)).retry(retry(1)).circuitBreaker(SMALL_BREAKER).build());
		for (int i = 0; i < 4; i++) {
			catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		}
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

		BctrlCircuitOpenException refused = catchThrowableOfType(BctrlCircuitOpenException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(refused.attempts()).isZero();
		assertThat(refused.operationId()).isEqualTo("op_1");
		assertThat(refused).hasMessageContaining("circuit breaker is open").hasMessageContaining("no request was sent");
		assertThat(this.server.getRequestCount()).isEqualTo(4);
		assertThat(test.breakerMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);

		test.breaker().transitionToHalfOpenState();
		assertThat(test.client().cancel("op_1").block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.server.getRequestCount()).isEqualTo(5);
	}

	@Test
	void refusalIsTheCauseWithoutAStackOfItsOwnWhileTheCallersExceptionHasOne() {
		TestClient test = client(settings(baseUrl(this.server)).retry(retry(1)).circuitBreaker(SMALL_BREAKER).build());
		test.breaker().transitionToForcedOpenState();

		BctrlCircuitOpenException refused = catchThrowableOfType(BctrlCircuitOpenException.class,
				() -> test.client().cancel("op_1").block(BLOCK));

		assertThat(refused.getStackTrace()).isNotEmpty();
		assertThat(refused.getCause()).isInstanceOf(CallNotPermittedException.class);
		assertThat(refused.getCause().getStackTrace()).isEmpty();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void failedTrialOpensTheBreakerAgain() {
		for (int i = 0; i < 5; i++) {
			this.server.enqueue(error(500));
		}
		TestClient test = client(settings(baseUrl(this.server)).retry(retry(1)).circuitBreaker(SMALL_BREAKER).build());
		for (int i = 0; i < 4; i++) {
			catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		}
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		test.breaker().transitionToHalfOpenState();
		catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		catchThrowableOfType(BctrlCircuitOpenException.class, () -> test.client().cancel("op_1").block(BLOCK));
		assertThat(this.server.getRequestCount()).isEqualTo(5);
	}

	@Test
	void countsEveryAttemptOfARetriedCall() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(error(503));
		}
		TestClient test = client(settings(baseUrl(this.server)).build());
		catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(3);
		assertThat(test.breakerMetrics().getNumberOfSuccessfulCalls()).isZero();
	}

	@Test
	void breakerOpeningDuringRetriesEndsTheCallWithoutAnotherRequest() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(error(503));
		}
		CircuitBreakerSettings opensAfterTwo = CircuitBreakerSettings.builder()
			.enabled(true)
			.failureRateThreshold(50f)
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.permittedCallsInHalfOpenState(1)
			.build();
		TestClient test = client(settings(baseUrl(this.server)).circuitBreaker(opensAfterTwo).build());
		BctrlCircuitOpenException failure = catchThrowableOfType(BctrlCircuitOpenException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.attempts()).isEqualTo(2);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		// The retry decides on the second 503 before the breaker is asked again: it
		// waits,
		// then the breaker refuses the third attempt, which is not retried.
		assertThat(test.waits()).hasSize(2);
		assertThat(test.breakerMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
	}

	@Test
	void attemptTimeoutsCountAsFailures() {
		this.loopbackServer = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.loopbackServer.baseUrl()).attemptTimeout(Duration.ofMillis(100))
			.retry(retry(1))
			.circuitBreaker(SMALL_BREAKER)
			.build(), () -> 0.5, this.time);
		for (int i = 1; i <= 4; i++) {
			int sent = i;
			// Each attempt times out on virtual time once its request is at the server.
			StepVerifier.create(test.client().cancel("op_1"))
				.then(() -> await().atMost(BLOCK).until(() -> this.loopbackServer.requestCount() == sent))
				.then(() -> this.time.advanceTimeBy(Duration.ofMillis(100)))
				.expectError(BctrlTimeoutException.class)
				.verify(BLOCK);
		}
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(4);
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		catchThrowableOfType(BctrlCircuitOpenException.class, () -> test.client().cancel("op_1").block(BLOCK));
		assertThat(this.loopbackServer.requestCount()).isEqualTo(4);
	}

	@Test
	void stormOfClientErrorsNeverOpensTheBreaker() {
		int[] statuses = { 400, 401, 403, 404, 409, 422, 429 };
		AtomicInteger requests = new AtomicInteger();
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return error(statuses[requests.getAndIncrement() % statuses.length]);
			}

		});
		TestClient test = client(settings(baseUrl(this.server)).retry(retry(1)).circuitBreaker(SMALL_BREAKER).build());
		for (int i = 0; i < 42; i++) {
			catchThrowableOfType(BctrlApiException.class, () -> test.client().cancel("op_1").block(BLOCK));
		}
		assertThat(this.server.getRequestCount()).isEqualTo(42);
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(test.breakerMetrics().getNumberOfSuccessfulCalls()).isEqualTo(4);
		assertThat(test.breakerMetrics().getNumberOfNotPermittedCalls()).isZero();
	}

	@Test
	void disabledBreakerNeverRefuses() {
		for (int i = 0; i < 8; i++) {
			this.server.enqueue(error(503));
		}
		CircuitBreakerSettings disabled = CircuitBreakerSettings.builder()
			.enabled(false)
			.failureRateThreshold(50f)
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.permittedCallsInHalfOpenState(1)
			.build();
		TestClient test = client(settings(baseUrl(this.server)).retry(retry(1)).circuitBreaker(disabled).build());
		for (int i = 0; i < 8; i++) {
			catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		}
		assertThat(this.server.getRequestCount()).isEqualTo(8);
	}

}
