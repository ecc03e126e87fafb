package ai.bctrl.operations;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
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
 * most that much late. An expired timeout is handed to the client's scheduler (Reactor's
 * parallel one), so that no downstream work ever runs on (or delays) the wheel's thread.
 * A client built on another scheduler (a test's virtual time) arms its timeouts on that
 * scheduler instead of the wheel.
 */
final class AttemptTimer {

	static final long TICK_MILLIS = 10;

	/**
	 * One for the JVM, never stopped (like Reactor's own schedulers): no leak tracking.
	 */
	static final HashedWheelTimer WHEEL = new HashedWheelTimer(new DefaultThreadFactory("bctrl-attempt-timeout", true),
			TICK_MILLIS, TimeUnit.MILLISECONDS, 512, false);

	/**
	 * What an attempt that timed out fails with; the message is made by
	 * {@link FailureMessages}.
	 */
	private static final Mono<Operation> TIMED_OUT = Mono
		.error(() -> new TimeoutException("no complete response within the attempt timeout"));

	private final Timer timer;

	private final Scheduler handoff;

	/**
	 * Create a timer.
	 * @param timer where timeouts are armed
	 * @param handoff where an expired timeout is signalled
	 */
	AttemptTimer(Timer timer, Scheduler handoff) {
		this.timer = timer;
		this.handoff = handoff;
	}

	/**
	 * The attempt timer of a client: the shared wheel when the client runs on Reactor's
	 * parallel scheduler, else the client's own scheduler (a test's virtual time).
	 * @param scheduler the client's scheduler
	 * @return the attempt timer
	 */
	static AttemptTimer of(Scheduler scheduler) {
		return new AttemptTimer((scheduler == Schedulers.parallel()) ? WHEEL : new SchedulerTimer(scheduler),
				scheduler);
	}

	/**
	 * Bound the whole of an attempt, response body included: the attempt is cancelled and
	 * fails with a {@link TimeoutException} when it has not completed within
	 * {@code timeout}.
	 * @param attempt the attempt
	 * @param timeout its time limit
	 * @return the bounded attempt
	 */
	Mono<Operation> limit(Mono<Operation> attempt, Duration timeout) {
		return attempt.timeout(expiry(timeout), TIMED_OUT);
	}

	/**
	 * The expiry of one attempt: emits 0 on the handoff scheduler once {@code timeout}
	 * has passed, unless cancelled first; arms its timer on subscription.
	 */
	Mono<Long> expiry(Duration timeout) {
		return new Delay(this, timeout.toNanos());
	}

	/** Emits 0 once the delay has passed. */
	private static final class Delay extends Mono<Long> {

		private final AttemptTimer owner;

		private final long nanos;

		Delay(AttemptTimer owner, long nanos) {
			this.owner = owner;
			this.nanos = nanos;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Long> actual) {
			Expiry expiry = new Expiry(actual, this.owner);
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

		private final AttemptTimer owner;

		private volatile int state;

		private volatile @Nullable Timeout timeout;

		Expiry(CoreSubscriber<? super Long> actual, AttemptTimer owner) {
			this.actual = actual;
			this.owner = owner;
		}

		void arm(long nanos) {
			if (this.state != ARMED) {
				return;
			}
			try {
				this.timeout = this.owner.timer.newTimeout(this, nanos, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException | IllegalStateException ex) {
				// No timer (too many pending, or stopped): fail safe, the attempt times
				// out.
				run();
				return;
			}
			Timeout armed = this.timeout;
			if (this.state == CANCELLED && armed != null) {
				armed.cancel();
			}
		}

		@Override
		public void run(Timeout expired) {
			try {
				this.owner.handoff.schedule(this);
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

	/**
	 * Arms timeouts as tasks of a scheduler: a test's virtual time runs the attempt
	 * timeouts of the client it is given to.
	 */
	private static final class SchedulerTimer implements Timer {

		private final Scheduler scheduler;

		SchedulerTimer(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		@Override
		public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
			ScheduledTimeout timeout = new ScheduledTimeout(this, task);
			timeout.task = this.scheduler.schedule(timeout, delay, unit);
			return timeout;
		}

		@Override
		public Set<Timeout> stop() {
			return Set.of();
		}

	}

	private static final class ScheduledTimeout implements Timeout, Runnable {

		private final Timer timer;

		private final TimerTask timerTask;

		private volatile @Nullable Disposable task;

		private volatile boolean expired;

		private volatile boolean cancelled;

		ScheduledTimeout(Timer timer, TimerTask timerTask) {
			this.timer = timer;
			this.timerTask = timerTask;
		}

		@Override
		public void run() {
			if (!this.cancelled) {
				this.expired = true;
				try {
					this.timerTask.run(this);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

		@Override
		public Timer timer() {
			return this.timer;
		}

		@Override
		public TimerTask task() {
			return this.timerTask;
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
			if (this.expired) {
				return false;
			}
			this.cancelled = true;
			Disposable scheduled = this.task;
			if (scheduled != null) {
				scheduled.dispose();
			}
			return true;
		}

	}

}
