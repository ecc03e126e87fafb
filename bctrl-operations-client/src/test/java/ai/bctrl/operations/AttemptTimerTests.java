package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.util.RaceTestUtils;

import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attempt timer's state machine: arming, cancelling and firing race without losing or
 * doubling a signal, and an expiry never runs the caller's work on the timer's thread.
 */
class AttemptTimerTests {

	private static final int RACES = 5_000;

	private static final Operation OPERATION = new OperationsJson().readOperation(
			ResilienceFixtures.operationJson("op_1", OperationStatus.CANCELLED).getBytes(StandardCharsets.UTF_8));

	private final ManualTimer manual = new ManualTimer();

	/** Hands expiries off on the firing thread, so races end when the race does. */
	private final AttemptTimer timer = new AttemptTimer(this.manual, Schedulers.immediate());

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void cancelRacingExpiryEitherSignalsOnceOrDisarms() {
		for (int i = 0; i < RACES; i++) {
			this.manual.timeouts.clear();
			Recorder recorder = new Recorder();
			this.timer.expiry(Duration.ofSeconds(1)).subscribe(recorder);
			ManualTimeout armed = this.manual.only();

			RaceTestUtils.race(recorder::cancel, armed::fire);

			boolean signalled = recorder.values.get() == 1;
			assertThat(signalled).as("race %d: signalled or disarmed, never both or neither", i)
				.isNotEqualTo(armed.cancelled);
			assertThat(recorder.values.get()).isLessThanOrEqualTo(1);
			assertThat(recorder.completions.get()).isEqualTo(recorder.values.get());
		}
	}

	@Test
	void cancelRacingArmingNeverLeavesALiveTimeout() {
		for (int i = 0; i < RACES; i++) {
			this.manual.timeouts.clear();
			Recorder recorder = new Recorder();
			Mono<Long> expiry = this.timer.expiry(Duration.ofSeconds(1));

			RaceTestUtils.race(() -> expiry.subscribe(recorder), recorder::cancelOnceSubscribed);

			assertThat(this.manual.timeouts).as("race %d", i)
				.allSatisfy((timeout) -> assertThat(timeout.cancelled).isTrue());
			// A wheel that missed the cancel fires anyway: the expiry stays silent.
			this.manual.timeouts.forEach(ManualTimeout::fire);
			assertThat(recorder.values).hasValue(0);
		}
	}

	@Test
	void completionRacingExpiryGivesExactlyOneOutcome() {
		for (int i = 0; i < RACES; i++) {
			this.manual.timeouts.clear();
			Sinks.One<Operation> answer = Sinks.one();
			List<Object> outcomes = new CopyOnWriteArrayList<>();
			this.timer.limit(answer.asMono(), Duration.ofSeconds(1)).subscribe(outcomes::add, outcomes::add);
			ManualTimeout armed = this.manual.only();

			RaceTestUtils.race(() -> answer.tryEmitValue(OPERATION), armed::fire);

			assertThat(outcomes).as("race %d", i)
				.singleElement()
				.satisfiesAnyOf((outcome) -> assertThat(outcome).isSameAs(OPERATION),
						(outcome) -> assertThat(outcome).isInstanceOf(TimeoutException.class));
		}
	}

	@Test
	void expiryAfterCompletionDoesNothing() {
		Sinks.One<Operation> answer = Sinks.one();
		List<Object> outcomes = new CopyOnWriteArrayList<>();
		this.timer.limit(answer.asMono(), Duration.ofSeconds(1)).subscribe(outcomes::add, outcomes::add);
		ManualTimeout armed = this.manual.only();
		answer.tryEmitValue(OPERATION);
		assertThat(armed.cancelled).isTrue();

		armed.fire();

		assertThat(outcomes).containsExactly(OPERATION);
	}

	@Test
	void cancelAfterExpiryDoesNothing() {
		Recorder recorder = new Recorder();
		this.timer.expiry(Duration.ofSeconds(1)).subscribe(recorder);
		ManualTimeout armed = this.manual.only();
		armed.fire();

		recorder.cancel();

		assertThat(recorder.values).hasValue(1);
		assertThat(recorder.completions).hasValue(1);
		assertThat(armed.cancelled).isFalse();
	}

	@Test
	void timerThatRefusesToArmTimesTheAttemptOutAtOnce() {
		AttemptTimer refusing = new AttemptTimer(new ManualTimer() {

			@Override
			public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
				throw new RejectedExecutionException("too many pending timeouts");
			}

		}, Schedulers.immediate());
		StepVerifier.create(refusing.limit(Mono.never(), Duration.ofMinutes(1)))
			.expectError(TimeoutException.class)
			.verify(BLOCK);
	}

	@Test
	void clientOnAnotherSchedulerArmsItsTimeoutsThere() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		try {
			StepVerifier.create(AttemptTimer.of(time).limit(Mono.never(), Duration.ofSeconds(1)))
				.then(() -> time.advanceTimeBy(Duration.ofMillis(999)))
				.expectNoEvent(Duration.ZERO)
				.then(() -> time.advanceTimeBy(Duration.ofMillis(1)))
				.expectError(TimeoutException.class)
				.verify(BLOCK);
		}
		finally {
			time.dispose();
		}
	}

	@Test
	void wheelExpiryIsSignalledOffTheWheelThreadNeverEarly() throws InterruptedException {
		AtomicReference<String> thread = new AtomicReference<>();
		CountDownLatch failed = new CountDownLatch(1);
		long start = System.nanoTime();
		AttemptTimer.of(Schedulers.parallel()).limit(Mono.never(), Duration.ofMillis(50)).subscribe(null, (error) -> {
			thread.set(Thread.currentThread().getName());
			failed.countDown();
		});
		assertThat(failed.await(BLOCK.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		// Real time: the wheel itself is under test, so only a lower bound.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
		assertThat(thread.get()).startsWith("parallel-");
	}

	@Test
	void wheelFiresShorterTimeoutsFirst() throws InterruptedException {
		List<Long> order = new CopyOnWriteArrayList<>();
		CountDownLatch failed = new CountDownLatch(3);
		// One handoff thread keeps the wheel's firing order (parallel workers need not).
		AttemptTimer wheel = new AttemptTimer(AttemptTimer.WHEEL, Schedulers.single());
		for (long millis : new long[] { 150, 30, 90 }) {
			wheel.limit(Mono.never(), Duration.ofMillis(millis)).subscribe(null, (error) -> {
				order.add(millis);
				failed.countDown();
			});
		}
		assertThat(failed.await(BLOCK.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		// Timeouts are several wheel ticks apart, so each one fires in a later tick.
		assertThat(order).containsExactly(30L, 90L, 150L);
	}

	@Test
	void timedOutCallIsMappedAndDeliveredOffTheWheelThread() {
		this.server = LoopbackServer.start((number, request, response) -> LoopbackServer.stall());
		TestClient test = client(settings(this.server.baseUrl()).attemptTimeout(Duration.ofMillis(100))
			.retry(ResilienceFixtures.retry(1))
			.build());
		AtomicReference<String> thread = new AtomicReference<>();
		StepVerifier
			.create(test.client().cancel("op_1").doOnError((error) -> thread.set(Thread.currentThread().getName())))
			.expectError(BctrlTimeoutException.class)
			.verify(BLOCK);
		// The message of the failure was made, and the caller's error signal ran, on the
		// handoff scheduler: nothing of it on the wheel's single thread.
		assertThat(thread.get()).startsWith("parallel-").doesNotContain("bctrl-attempt-timeout");
	}

	/** Counts what an expiry sends, and cancels it when told. */
	private static final class Recorder implements CoreSubscriber<Long> {

		final AtomicInteger values = new AtomicInteger();

		final AtomicInteger completions = new AtomicInteger();

		private final AtomicReference<Subscription> subscription = new AtomicReference<>();

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription.set(subscription);
			subscription.request(1);
		}

		@Override
		public void onNext(Long value) {
			this.values.incrementAndGet();
		}

		@Override
		public void onError(Throwable error) {
			throw new AssertionError("an expiry never fails", error);
		}

		@Override
		public void onComplete() {
			this.completions.incrementAndGet();
		}

		void cancel() {
			this.subscription.get().cancel();
		}

		void cancelOnceSubscribed() {
			Subscription subscribed;
			while ((subscribed = this.subscription.get()) == null) {
				Thread.onSpinWait();
			}
			subscribed.cancel();
		}

	}

	/**
	 * A timer that fires when the test says so, and even after a cancel: like a wheel
	 * that had already picked the timeout when the cancel came.
	 */
	private static class ManualTimer implements Timer {

		final List<ManualTimeout> timeouts = new CopyOnWriteArrayList<>();

		@Override
		public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
			ManualTimeout timeout = new ManualTimeout(this, task);
			this.timeouts.add(timeout);
			return timeout;
		}

		@Override
		public Set<Timeout> stop() {
			return Set.of();
		}

		ManualTimeout only() {
			assertThat(this.timeouts).hasSize(1);
			return this.timeouts.get(0);
		}

	}

	private static final class ManualTimeout implements Timeout {

		private final Timer timer;

		private final TimerTask task;

		volatile boolean cancelled;

		private volatile boolean expired;

		ManualTimeout(Timer timer, TimerTask task) {
			this.timer = timer;
			this.task = task;
		}

		void fire() {
			this.expired = true;
			try {
				this.task.run(this);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public Timer timer() {
			return this.timer;
		}

		@Override
		public TimerTask task() {
			return this.task;
		}

		@Override
		public boolean isExpired() {
			return this.expired;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean cancel() {
			this.cancelled = true;
			return !this.expired;
		}

	}

}
