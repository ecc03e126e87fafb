package ai.bctrl.operations;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

import ai.bctrl.operations.OperationsClientSettings.BulkSettings;

/**
 * One running {@code cancelAll}, behaving as one well-mannered caller (DESIGN §4): a
 * window of requests in flight that halves on every 429, 503 or timeout and grows by one
 * per success (AIMD, between 1 and {@code bulk.concurrency}); a pause of the whole batch
 * on {@code Retry-After}, while the circuit breaker is open, and after failures the
 * retries of a call could not get past. Ids wait for their turn in order.
 */
final class BulkBatch implements BulkFeedback {

	private final int maxConcurrency;

	private final boolean adaptive;

	private final long maxPauseNanos;

	private final long breakerProbeNanos;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Scheduler scheduler;

	/** The client's gauge: this batch's limit is part of the sum while it runs. */
	private final AtomicInteger clientConcurrency;

	private final long startNanos;

	private final AtomicLong succeeded = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final ArrayDeque<MonoSink<Void>> waiting = new ArrayDeque<>();

	// Guarded by this.

	private int limit;

	private int inFlight;

	private long pausedUntilNanos;

	private String pauseReason = "";

	private int failureStreak;

	private @Nullable Disposable resumeTimer;

	BulkBatch(BulkSettings bulk, OperationsClientSettings settings, Scheduler scheduler,
			AtomicInteger clientConcurrency) {
		this.maxConcurrency = bulk.concurrency();
		this.adaptive = bulk.adaptive();
		this.maxPauseNanos = bulk.maxPause().toNanos();
		// An open breaker refuses without sending anything: probing it often costs the
		// service nothing, and the batch resumes soon after it half-opens.
		this.breakerProbeNanos = Math.min(settings.circuitBreaker().waitDurationInOpenState().toNanos(),
				TimeUnit.SECONDS.toNanos(1));
		this.initialBackoff = settings.retry().initialBackoff();
		this.maxBackoff = settings.retry().maxBackoff();
		this.scheduler = scheduler;
		this.clientConcurrency = clientConcurrency;
		this.limit = this.maxConcurrency;
		this.startNanos = now();
		clientConcurrency.addAndGet(this.limit);
	}

	/**
	 * Wait for a place in the window, after any pause.
	 */
	Mono<Void> turn() {
		return Mono.create((sink) -> {
			synchronized (this) {
				this.waiting.add(sink);
			}
			sink.onCancel(() -> {
				synchronized (this) {
					this.waiting.remove(sink);
				}
			});
			drain();
		});
	}

	/**
	 * A call of the batch ended.
	 * @param success whether the operation was cancelled
	 */
	void release(boolean success) {
		synchronized (this) {
			this.inFlight--;
			if (success) {
				this.failureStreak = 0;
				if (this.adaptive && this.limit < this.maxConcurrency) {
					this.limit++;
					this.clientConcurrency.incrementAndGet();
				}
			}
		}
		drain();
	}

	/** An id's result is final. */
	void finished(CancelResult result) {
		(result.isSuccess() ? this.succeeded : this.failed).incrementAndGet();
	}

	@Override
	public void attemptFailed(Throwable failure) {
		boolean throttled = failure instanceof BctrlApiException api
				&& (api.statusCode() == 429 || api.statusCode() == 503);
		if (throttled) {
			((BctrlApiException) failure).retryAfter()
				.ifPresent((wait) -> pause(Math.min(wait.toNanos(), this.maxPauseNanos),
						"HTTP " + ((BctrlApiException) failure).statusCode() + " with Retry-After " + format(wait)));
		}
		if (this.adaptive && (throttled || failure instanceof BctrlTimeoutException)) {
			synchronized (this) {
				int halved = Math.max(1, this.limit / 2);
				this.clientConcurrency.addAndGet(halved - this.limit);
				this.limit = halved;
			}
		}
	}

	/**
	 * Whether an id whose call failed is tried again: the service could not take it now
	 * (open breaker, throttling, 5xx, transport errors, timeouts) and the id has waited
	 * less than {@code bulk.max-pause}. The batch pauses before it goes on: until the
	 * breaker may half-open, or for a backoff growing with the failures in a row.
	 * @param failure the call's failure
	 * @param firstNanos when the id's first call started
	 */
	boolean rideOut(BctrlException failure, long firstNanos) {
		boolean breakerOpen = failure instanceof BctrlCircuitOpenException;
		if (!(breakerOpen || RetryPolicy.isRetryable(failure)) || now() - firstNanos >= this.maxPauseNanos) {
			return false;
		}
		if (breakerOpen) {
			pause(this.breakerProbeNanos, "circuit breaker open");
		}
		else if (!(failure instanceof BctrlApiException api && api.retryAfter().isPresent())) {
			int streak;
			synchronized (this) {
				streak = this.failureStreak++;
			}
			double ceiling = this.initialBackoff.toNanos() * Math.pow(2, Math.min(streak, 30));
			pause((long) Math.min(this.maxBackoff.toNanos(), ceiling),
					"backing off after failures (" + failure.getClass().getSimpleName() + ")");
		}
		return true;
	}

	@Override
	public long pausedMillis() {
		long pausedNanos;
		synchronized (this) {
			pausedNanos = this.pausedUntilNanos - now();
		}
		return TimeUnit.NANOSECONDS.toMillis(pausedNanos);
	}

	/** The batch ended: its limit leaves the client's gauge. */
	void end() {
		synchronized (this) {
			this.clientConcurrency.addAndGet(-this.limit);
			this.limit = 0;
			if (this.resumeTimer != null) {
				this.resumeTimer.dispose();
			}
		}
	}

	long now() {
		return this.scheduler.now(TimeUnit.NANOSECONDS);
	}

	/** The batch's progress, for the log. */
	String progress() {
		long succeeded = this.succeeded.get();
		long failed = this.failed.get();
		StringBuilder text = new StringBuilder();
		text.append(succeeded + failed)
			.append(" ids done (")
			.append(succeeded)
			.append(" cancelled, ")
			.append(failed)
			.append(" failed) in ")
			.append(format(Duration.ofNanos(now() - this.startNanos)));
		synchronized (this) {
			text.append(", ").append(this.inFlight).append(" in flight, concurrency ").append(this.limit);
			text.append(" of ").append(this.maxConcurrency);
			long pausedNanos = this.pausedUntilNanos - now();
			if (pausedNanos > 0) {
				text.append(", paused for ")
					.append(format(Duration.ofNanos(pausedNanos)))
					.append(" more: ")
					.append(this.pauseReason);
			}
		}
		return text.toString();
	}

	private void pause(long nanos, String reason) {
		synchronized (this) {
			long until = now() + nanos;
			if (until > this.pausedUntilNanos) {
				this.pausedUntilNanos = until;
				this.pauseReason = reason;
			}
		}
	}

	/**
	 * Let waiting ids go while the window has room and no pause holds; otherwise wake up
	 * again when the pause ends.
	 */
	private void drain() {
		List<MonoSink<Void>> ready = null;
		synchronized (this) {
			long pausedNanos = this.pausedUntilNanos - now();
			while (pausedNanos <= 0 && this.inFlight < this.limit && !this.waiting.isEmpty()) {
				if (ready == null) {
					ready = new ArrayList<>(2);
				}
				ready.add(this.waiting.poll());
				this.inFlight++;
			}
			if (pausedNanos > 0 && !this.waiting.isEmpty() && this.resumeTimer == null) {
				this.resumeTimer = this.scheduler.schedule(this::resume, pausedNanos, TimeUnit.NANOSECONDS);
			}
		}
		if (ready != null) {
			ready.forEach(MonoSink::success);
		}
	}

	private void resume() {
		synchronized (this) {
			this.resumeTimer = null;
		}
		drain();
	}

	private static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 1000) ? millis + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
