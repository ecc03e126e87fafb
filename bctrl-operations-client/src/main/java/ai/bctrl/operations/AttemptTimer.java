package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The attempt timeout: one timer per attempt on a hashed wheel shared by every client.
 *
 * <p>
 * {@code Mono.timeout(Duration)} arms a task on Reactor's parallel scheduler, whose
 * thread a lone pending task wakes up on every call (a few microseconds per call at low
 * concurrency), and names the source operator chain for its message on every
 * subscription. A wheel timer arms and disarms with a lock-free queue insertion and no
 * wake-up: its one thread ticks every {@value #TICK_MILLIS} ms, so a timeout fires at
 * most that much late. An expired timeout is handed to the parallel scheduler, so that no
 * downstream work ever runs on (or delays) the wheel's thread.
 */
final class AttemptTimer {

	static final long TICK_MILLIS = 10;

	/**
	 * One for the JVM, never stopped (like Reactor's own schedulers): no leak tracking.
	 */
	private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
			new DefaultThreadFactory("bctrl-attempt-timeout", true), TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);

	/**
	 * What an attempt that timed out fails with; the message is made by
	 * {@link FailureMessages}.
	 */
	private static final Mono<Operation> TIMED_OUT = Mono
		.error(() -> new TimeoutException("no complete response within the attempt timeout"));

	private AttemptTimer() {
	}

	/**
	 * Bound the whole of an attempt, response body included: the attempt is cancelled and
	 * fails with a {@link TimeoutException} when it has not completed within
	 * {@code timeout}.
	 * @param attempt the attempt
	 * @param timeout its time limit
	 * @return the bounded attempt
	 */
	static Mono<Operation> limit(Mono<Operation> attempt, Duration timeout) {
		return attempt.timeout(new Delay(timeout.toNanos()), TIMED_OUT);
	}

	/** Emits 0 once the delay has passed. */
	private static final class Delay extends Mono<Long> {

		private final long nanos;

		Delay(long nanos) {
			this.nanos = nanos;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Long> actual) {
			Expiry expiry = new Expiry(actual);
			actual.onSubscribe(expiry);
			expiry.arm(this.nanos);
		}

	}

	private static final class Expiry implements Subscription, TimerTask, Runnable {

		private static final int ARMED = 0;

		private static final int CANCELLED = 1;

		private static final int FIRED = 2;

		private static final AtomicIntegerFieldUpdater<Expiry> STATE = AtomicIntegerFieldUpdater
			.newUpdater(Expiry.class, "state");

		private final CoreSubscriber<? super Long> actual;

		private volatile int state;

		private volatile Timeout timeout;

		Expiry(CoreSubscriber<? super Long> actual) {
			this.actual = actual;
		}

		void arm(long nanos) {
			if (this.state != ARMED) {
				return;
			}
			try {
				this.timeout = WHEEL.newTimeout(this, nanos, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException | IllegalStateException ex) {
				// No timer (too many pending, or stopped): fail safe, the attempt times
				// out.
				run();
				return;
			}
			if (this.state == CANCELLED) {
				this.timeout.cancel();
			}
		}

		@Override
		public void run(Timeout expired) {
			try {
				Schedulers.parallel().schedule(this);
			}
			catch (RejectedExecutionException ex) {
				run();
			}
		}

		@Override
		public void run() {
			if (STATE.compareAndSet(this, ARMED, FIRED)) {
				this.actual.onNext(0L);
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			// The timeout operator requests once; the single signal is sent when it
			// fires.
		}

		@Override
		public void cancel() {
			if (STATE.compareAndSet(this, ARMED, CANCELLED)) {
				Timeout armed = this.timeout;
				if (armed != null) {
					armed.cancel();
				}
			}
		}

	}

}
