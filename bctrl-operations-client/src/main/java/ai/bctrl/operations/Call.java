package ai.bctrl.operations;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpMethod;

/**
 * State of one logical call (one subscription): what is requested, how many attempts have
 * started, and when the deadline falls.
 */
final class Call {

	final String clientOperation;

	final String operationId;

	final HttpMethod method;

	final URI uri;

	/** JSON request body, or {@code null}. */
	final @Nullable String body;

	final Duration attemptTimeout;

	final Duration deadline;

	final long deadlineNanos;

	/** Maximum number of attempts of this call, the first included. */
	final int maxAttempts;

	private final LongSupplier nanoTime;

	int attempts;

	/**
	 * Whether the running attempt is bounded by the deadline rather than the attempt
	 * timeout.
	 */
	boolean attemptCutByDeadline;

	Call(String clientOperation, String operationId, HttpMethod method, URI uri, @Nullable String body,
			Duration attemptTimeout, Duration deadline, int maxAttempts, LongSupplier nanoTime) {
		this.clientOperation = clientOperation;
		this.operationId = operationId;
		this.method = method;
		this.uri = uri;
		this.body = body;
		this.attemptTimeout = attemptTimeout;
		this.deadline = deadline;
		this.maxAttempts = maxAttempts;
		this.nanoTime = nanoTime;
		this.deadlineNanos = nanoTime.getAsLong() + deadline.toNanos();
	}

	/**
	 * The clock of a client's deadlines: {@link System#nanoTime()} on Reactor's parallel
	 * scheduler (whose {@code now} is the wall clock), else the scheduler's own time (a
	 * test's virtual time).
	 * @param scheduler the client's scheduler
	 * @return the clock, in nanoseconds
	 */
	static LongSupplier nanoClock(Scheduler scheduler) {
		return (scheduler == Schedulers.parallel()) ? System::nanoTime : () -> scheduler.now(TimeUnit.NANOSECONDS);
	}

	long remainingNanos() {
		return this.deadlineNanos - this.nanoTime.getAsLong();
	}

	/**
	 * Time limit of the next attempt: the attempt timeout, cut to what is left of the
	 * deadline; {@code null} when the deadline has passed.
	 */
	@Nullable Duration nextAttemptTimeout() {
		long remaining = remainingNanos();
		if (remaining <= 0) {
			return null;
		}
		this.attemptCutByDeadline = remaining < this.attemptTimeout.toNanos();
		return this.attemptCutByDeadline ? Duration.ofNanos(remaining) : this.attemptTimeout;
	}

	/** How the call is named in messages, for example {@code cancel operation 3f2a}. */
	String description() {
		return this.clientOperation + " operation " + this.operationId;
	}

}
