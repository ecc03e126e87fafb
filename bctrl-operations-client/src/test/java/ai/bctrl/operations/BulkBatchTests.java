package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.BctrlApiException.ErrorInfo;
import ai.bctrl.operations.OperationsClientSettings.BulkSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: a {@code cancelAll} batch as one caller, on virtual time: pauses, AIMD
 * concurrency and the client's concurrency gauge.
 */
class BulkBatchTests {

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final AtomicInteger gauge = new AtomicInteger();

	@Test
	void retryAfterPausesEveryIdUntilItHasPassed() {
		BulkBatch batch = batch(BulkSettings.builder().concurrency(4).build());
		batch.attemptFailed(rateLimited(Duration.ofSeconds(2)));

		StepVerifier.withVirtualTime(batch::turn, () -> this.scheduler, 1)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1_999))
			.thenAwait(Duration.ofMillis(1))
			.verifyComplete();
	}

	@Test
	void throttlingHalvesConcurrencyAndSuccessesRaiseItByOne() {
		BulkBatch batch = batch(BulkSettings.builder().concurrency(16).build());
		assertThat(this.gauge).hasValue(16);
		batch.attemptFailed(new BctrlServerException("503", "op", 1, 503, ErrorInfo.none()));
		batch.attemptFailed(new BctrlTimeoutException("timeout", "op", 1, null));
		assertThat(this.gauge).hasValue(4);
		take(batch, 1);
		batch.release(true);
		assertThat(this.gauge).hasValue(5);
		batch.end();
		assertThat(this.gauge).hasValue(0);
	}

	@Test
	void notAdaptiveKeepsConcurrency() {
		BulkBatch batch = batch(BulkSettings.builder().concurrency(16).adaptive(false).build());
		batch.attemptFailed(rateLimited(Duration.ofSeconds(1)));
		assertThat(this.gauge).hasValue(16);
	}

	@Test
	void noMoreThanTheLimitAreInFlight() {
		BulkBatch batch = batch(BulkSettings.builder().concurrency(2).build());
		take(batch, 2);
		StepVerifier.create(batch.turn()).expectSubscription().then(() -> batch.release(true)).verifyComplete();
	}

	@Test
	void openBreakerPausesTheBatchAndTheIdIsTriedAgain() {
		BulkBatch batch = batch(BulkSettings.builder().concurrency(4).build());
		boolean again = batch.rideOut(new BctrlCircuitOpenException("open", "op", 0, null), batch.now());

		assertThat(again).isTrue();
		StepVerifier.withVirtualTime(batch::turn, () -> this.scheduler, 1)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofMillis(1))
			.verifyComplete();
	}

	@Test
	void idFailsOnceItWaitedMaxPause() {
		BulkBatch batch = batch(BulkSettings.builder().maxPause(Duration.ofSeconds(60)).build());
		long firstNanos = batch.now();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(60));

		assertThat(batch.rideOut(new BctrlCircuitOpenException("open", "op", 0, null), firstNanos)).isFalse();
	}

	@Test
	void answerOfTheServiceIsNotRiddenOut() {
		BulkBatch batch = batch(BulkSettings.builder().build());
		assertThat(batch.rideOut(new OperationNotFoundException("404", "op", 1, ErrorInfo.none()), batch.now()))
			.isFalse();
	}

	private BulkBatch batch(BulkSettings bulk) {
		OperationsClientSettings settings = ResilienceFixtures.settings("http://127.0.0.1:1").bulk(bulk).build();
		return new BulkBatch(bulk, settings, this.scheduler, this.gauge);
	}

	private static void take(BulkBatch batch, int count) {
		for (int i = 0; i < count; i++) {
			batch.turn().block(Duration.ofSeconds(1));
		}
	}

	private static BctrlRateLimitException rateLimited(Duration retryAfter) {
		return new BctrlRateLimitException("429", "op", 1, ErrorInfo.builder().retryAfter(retryAfter).build());
	}

}
