package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The waiting half of {@code cancelAndAwait}: waits on the server until the operation is
 * terminal or the time is up, asking again when the server answered early without a final
 * status, and keeping the last known operation when a wait gets no answer.
 */
final class AwaitPolling {

	/**
	 * Pause before asking again when the server answered a wait early without a final
	 * status.
	 */
	private static final Duration REPOLL_PAUSE = Duration.ofMillis(200);

	private final CallPipeline pipeline;

	private final CallLimits limits;

	private final Scheduler scheduler;

	private final LongSupplier nanoTime;

	AwaitPolling(CallPipeline pipeline, CallLimits limits, Scheduler scheduler) {
		this.pipeline = pipeline;
		this.limits = limits;
		this.scheduler = scheduler;
		this.nanoTime = Call.nanoClock(scheduler);
	}

	/**
	 * Run {@code cancel}, then wait until the operation it answers is terminal or
	 * {@code timeout} (counted from the subscription) has passed.
	 */
	Mono<Operation> afterCancel(Mono<Operation> cancel, Duration timeout) {
		return Mono.defer(() -> {
			long endNanos = this.nanoTime.getAsLong() + timeout.toNanos();
			return cancel.flatMap((operation) -> untilTerminal(operation, endNanos));
		});
	}

	/**
	 * Wait until {@code last} is terminal or {@code endNanos} (a value of the client's
	 * {@link Call#nanoClock clock}) has passed.
	 */
	private Mono<Operation> untilTerminal(Operation last, long endNanos) {
		long remaining = endNanos - this.nanoTime.getAsLong();
		if (last.status().isTerminal() || remaining < Duration.ofMillis(1).toNanos()) {
			return Mono.just(last);
		}
		long started = this.nanoTime.getAsLong();
		Duration timeout = Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(remaining));
		// The server answers a wait when its timeout passes: allow it the attempt timeout
		// to do so, retries included, and keep what is known if it does not.
		return this.pipeline.await(last.id(), timeout, this.limits.attemptTimeout().plus(timeout), this.limits)
			.onErrorResume(BctrlTimeoutException.class, (noAnswer) -> Mono.just(last))
			.flatMap((operation) -> {
				boolean answeredEarly = this.nanoTime.getAsLong() - started < REPOLL_PAUSE.toNanos();
				Mono<Operation> next = Mono.defer(() -> untilTerminal(operation, endNanos));
				return (answeredEarly && !operation.status().isTerminal())
						? Mono.delay(REPOLL_PAUSE, this.scheduler).then(next) : next;
			});
	}

}
