package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;
import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.retry;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault catalogue 13-14: the caller disposing a call, and one {@code Mono} subscribed
 * twice.
 */
class CancellationTests {

	private LoopbackServer server;

	private MockWebServer mockServer;

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@AfterEach
	void stopServers() {
		this.time.dispose();
		if (this.server != null) {
			this.server.close();
		}
		if (this.mockServer != null) {
			this.mockServer.close();
		}
	}

	@Test
	void disposingMidRequestClosesTheConnectionWithoutRetryOrBreakerRecord() {
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.server.baseUrl()).build(), () -> 0.5, this.time);
		AtomicReference<Object> signal = new AtomicReference<>();
		Disposable call = test.client()
			.cancel("op_1")
			.subscribe(signal::set, signal::set, () -> signal.set("complete"));
		await().atMost(BLOCK).until(() -> this.server.requestCount() == 1);

		call.dispose();

		assertThat(this.server.channels().get(0).closeFuture().awaitUninterruptibly(10_000)).isTrue();
		// Any retry wait or later attempt timeout would run now: nothing but the first
		// attempt's timeout was ever scheduled.
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(this.time.getScheduledTaskCount()).isOne();
		assertThat(this.server.requestCount()).isEqualTo(1);
		assertThat(signal.get()).isNull();
		assertThat(test.waits()).isEmpty();
		CircuitBreaker.Metrics metrics = test.breakerMetrics();
		assertThat(metrics.getNumberOfBufferedCalls()).isZero();
		assertThat(metrics.getNumberOfFailedCalls()).isZero();
		assertThat(metrics.getNumberOfSuccessfulCalls()).isZero();
		assertThat(metrics.getNumberOfNotPermittedCalls()).isZero();
		assertThat(test.retry().getMetrics().getNumberOfTotalCalls()).isZero();
	}

	@Test
	void disposingMidBodyClosesTheConnectionWithoutRetry() {
		AtomicInteger bytesSent = new AtomicInteger();
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.dribble(response,
				operationJson("op_1", OperationStatus.CANCELLED), Duration.ofMillis(5), bytesSent));
		TestClient test = client(settings(this.server.baseUrl()).build(), () -> 0.5, this.time);
		Disposable call = test.client().cancel("op_1").subscribe();
		await().atMost(BLOCK).until(() -> bytesSent.get() > 20);

		call.dispose();

		assertThat(this.server.channels().get(0).closeFuture().awaitUninterruptibly(10_000)).isTrue();
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(this.time.getScheduledTaskCount()).isOne();
		assertThat(this.server.requestCount()).isEqualTo(1);
		assertThat(test.waits()).isEmpty();
		assertThat(test.breakerMetrics().getNumberOfBufferedCalls()).isZero();
	}

	@Test
	void disposingTheTrialCallOfAHalfOpenBreakerGivesItsPermissionBack() {
		this.server = LoopbackServer.start((number, request, response) -> (number == 1) ? LoopbackServer.stall()
				: LoopbackServer.json(response, 200, operationJson("op_1", OperationStatus.CANCELLED)));
		CircuitBreakerSettings oneTrial = CircuitBreakerSettings.builder()
			.enabled(true)
			.failureRateThreshold(50f)
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.permittedCallsInHalfOpenState(1)
			.build();
		TestClient test = client(settings(this.server.baseUrl()).circuitBreaker(oneTrial).build());
		test.breaker().transitionToOpenState();
		test.breaker().transitionToHalfOpenState();
		Disposable trial = test.client().cancel("op_1").subscribe();
		await().atMost(BLOCK).until(() -> this.server.requestCount() == 1);

		trial.dispose();

		// Had the disposed trial kept its permission, this call would be refused.
		assertThat(test.client().cancel("op_1").block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void disposingDuringTheBackoffSendsNoFurtherRequest() {
		this.mockServer = WireTestSupport.startServer();
		this.mockServer.enqueue(error(503));
		this.mockServer.enqueue(operation("op_1", OperationStatus.CANCELLED));
		RetrySettings slowBackoff = RetrySettings.builder()
			.enabled(true)
			.maxAttempts(3)
			.initialBackoff(Duration.ofMillis(600))
			.multiplier(2.0)
			.maxBackoff(Duration.ofSeconds(1))
			.maxRetryAfter(Duration.ofSeconds(5))
			.build();
		TestClient test = client(settings(baseUrl(this.mockServer)).retry(slowBackoff).build(), () -> 0.5, this.time);
		Disposable call = test.client().cancel("op_1").subscribe();
		// The first attempt's timeout, then the retry's wait.
		await().atMost(BLOCK).until(() -> this.time.getScheduledTaskCount() == 2);

		call.dispose();

		// Past the wait: had it not been disposed, the second attempt would start (and
		// arm its timeout) now.
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(this.time.getScheduledTaskCount()).isEqualTo(2);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(300));
		assertThat(this.mockServer.getRequestCount()).isEqualTo(1);
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void subscribingTwiceGivesTwoIndependentRetrySequences() {
		this.mockServer = WireTestSupport.startServer();
		this.mockServer.enqueue(error(503));
		this.mockServer.enqueue(operation("op_1", OperationStatus.CANCELLING));
		this.mockServer.enqueue(error(503));
		this.mockServer.enqueue(operation("op_1", OperationStatus.CANCELLED));
		// Two attempts per call: had the second subscription inherited the first one's
		// retry state, its first 503 would end it.
		TestClient test = client(settings(baseUrl(this.mockServer)).retry(retry(2)).build());
		Mono<Operation> cancel = test.client().cancel("op_1");

		assertThat(cancel.block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(cancel.block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLED);

		assertThat(this.mockServer.getRequestCount()).isEqualTo(4);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
		assertThat(test.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(2);
	}

	@Test
	void deadlineStartsAtSubscriptionNotAtAssembly() {
		this.mockServer = WireTestSupport.startServer();
		this.mockServer.enqueue(operation("op_1", OperationStatus.CANCELLED));
		TestClient test = client(settings(baseUrl(this.mockServer)).deadline(Duration.ofMillis(300)).build(), () -> 0.5,
				this.time);
		Mono<Operation> cancel = test.client().cancel("op_1");
		this.time.advanceTimeBy(Duration.ofMillis(400));
		assertThat(cancel.block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLED);
	}

}
