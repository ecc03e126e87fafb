package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: a call whose deadline has passed before an attempt starts sends nothing,
 * reports the last real failure, and neither the breaker records it nor does it take a
 * half-open permit.
 */
class DeadlineBeforeAttemptTests {

	private final MockWebServer server = WireTestSupport.startServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aRetryWhoseDeadlinePassedDuringTheWaitSendsNothingAndReportsTheLastFailure() {
		this.server.enqueue(ResilienceFixtures.error(503));
		this.server.enqueue(ResilienceFixtures.operation("op-1", OperationStatus.CANCELLING));
		// The backoff (at most 100 ms) fits the 500 ms deadline; the scheduler carries
		// it out 600 ms late, as an overloaded machine might.
		OperationsClient.Builder builder = OperationsClient
			.builder(ResilienceFixtures.settings(WireTestSupport.baseUrl(this.server))
				.deadline(Duration.ofMillis(500))
				.attemptTimeout(Duration.ofMillis(400))
				.build())
			.jitter(() -> 1.0)
			.scheduler(new LateScheduler(Schedulers.parallel(), 600));
		TestClient test = ResilienceFixtures.client(builder);
		test.breaker().transitionToOpenState();
		test.breaker().transitionToHalfOpenState();

		Throwable failure = WireTestSupport.failureOf(() -> test.client().cancel("op-1"));

		assertThat(failure).isInstanceOfSatisfying(BctrlServerException.class,
				(server) -> assertThat(server.statusCode()).isEqualTo(503));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		assertThat(test.breakerMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
	}

	/** Runs every delayed task later than asked. */
	private static final class LateScheduler implements Scheduler {

		private final Scheduler delegate;

		private final long lateMillis;

		LateScheduler(Scheduler delegate, long lateMillis) {
			this.delegate = delegate;
			this.lateMillis = lateMillis;
		}

		@Override
		public Disposable schedule(Runnable task) {
			return this.delegate.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			return this.delegate.schedule(task, unit.toMillis(delay) + this.lateMillis, TimeUnit.MILLISECONDS);
		}

		@Override
		public Worker createWorker() {
			return this.delegate.createWorker();
		}

	}

}
