package ai.bctrl.operations;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs the attempts of one call after its first one failed: another after each failure
 * for which the retry gives a wait. Resilience4j's retry decides, counts and publishes
 * its events as its own operator does; nothing of the loop is assembled until an attempt
 * fails (no {@code retryWhen} machinery on every call), and it does not grow the stack
 * with the attempts.
 */
final class RetryLoop {

	/** What {@link #onError} answers when the retry budget refused the retry. */
	private static final long BUDGET_EXHAUSTED = -2L;

	private final @Nullable Retry retry;

	private final RetryPolicy policy;

	private final ExceptionMapping failures;

	private final Scheduler scheduler;

	private final RetryBudget budget;

	/**
	 * The wait decided for a failure, only while the retry handles it, so that it never
	 * rides on the exception the caller gets (keyed by identity: exceptions do not
	 * override equals).
	 */
	private final Map<Throwable, Long> plannedDelays = new ConcurrentHashMap<>();

	/**
	 * Create the loop.
	 * @param builder the client's builder, for the settings and registries
	 * @param policy decides the waits
	 * @param failures maps a refusal of the breaker
	 * @param budget the client's retry budget
	 */
	RetryLoop(OperationsClient.Builder builder, RetryPolicy policy, ExceptionMapping failures, RetryBudget budget) {
		this.policy = policy;
		this.failures = failures;
		this.budget = budget;
		this.scheduler = builder.scheduler;
		this.retry = ResilienceInstances.retry(builder, policy.maxAttempts(),
				(error) -> this.plannedDelays.getOrDefault(error, -1L));
	}

	/**
	 * Whether failed attempts may be retried at all.
	 */
	boolean enabled() {
		return this.retry != null;
	}

	/**
	 * The retry state of one subscription of a call.
	 */
	Retry.AsyncContext<Operation> newState() {
		return Objects.requireNonNull(this.retry).asyncContext();
	}

	/**
	 * The attempts after a first one failed: the wait for that failure, then the attempt
	 * resubscribed iteratively ({@code retryWhen}), so that the stack does not grow with
	 * the number of attempts.
	 * @param call the call
	 * @param firstFailure the first attempt's failure, translated, or the breaker's
	 * refusal
	 * @param attempt an attempt, translated and through the breaker
	 * @param retryState the subscription's retry state
	 * @return the call's operation, or the error that ends it
	 */
	Mono<Operation> retries(Call call, Throwable firstFailure, Mono<Operation> attempt,
			Retry.AsyncContext<Operation> retryState) {
		return nextWait(call, firstFailure, retryState).then(attempt.retryWhen(reactor.util.retry.Retry
			.from((failures) -> failures.concatMap((failure) -> nextWait(call, failure.failure(), retryState)))));
	}

	/**
	 * A call succeeded: the retry counts it, and a success at the first attempt puts a
	 * token back into the retry budget.
	 */
	void succeeded(Call call, Retry.AsyncContext<Operation> retryState) {
		if (call.attempts == 1) {
			this.budget.firstAttemptSucceeded();
		}
		retryState.onComplete();
	}

	/**
	 * The wait before the next attempt, or the error that ends the call. A wait that ends
	 * past the deadline (its timer ran late) starts no attempt: the call reports this
	 * failure, the last real one, and the breaker sees nothing. A batch the call belongs
	 * to hears of every failed attempt first, and holds the retry while it is paused.
	 */
	private Mono<Long> nextWait(Call call, Throwable error, Retry.AsyncContext<Operation> retryState) {
		if (error instanceof Error) {
			return Mono.error(error);
		}
		return Mono.deferContextual((context) -> {
			BulkFeedback batch = BulkFeedback.attemptFailed(context, error);
			long waitMillis = onError(call, error, retryState);
			if (waitMillis == BUDGET_EXHAUSTED) {
				return Mono.error(this.failures.retryBudgetExhausted((BctrlException) error));
			}
			if (waitMillis < 0) {
				return Mono.error(this.failures.ending(call, error));
			}
			if (batch != null) {
				// A paused batch sends no request, retries included.
				waitMillis = Math.max(waitMillis, batch.pausedMillis());
			}
			return Mono.delay(Duration.ofMillis(waitMillis), this.scheduler)
				.filter((tick) -> call.remainingNanos() > 0)
				.switchIfEmpty(Mono.error(error));
		});
	}

	/**
	 * Hand the failure to the retry with the wait decided for this call (it depends on
	 * the deadline), unless the retry budget cannot pay for it.
	 * @return the wait, negative not to retry, {@link #BUDGET_EXHAUSTED} when only the
	 * budget stood in the way
	 */
	private long onError(Call call, Throwable error, Retry.AsyncContext<Operation> retryState) {
		if (!(error instanceof BctrlException failure)) {
			return retryState.onError(error);
		}
		// A derived client may allow fewer attempts than the shared retry.
		long delay = (call.attempts < call.maxAttempts)
				? this.policy.delayMillis(failure, call.attempts, call.remainingNanos()) : -1L;
		boolean refused = delay >= 0 && !this.budget.tryRetry(failure);
		this.plannedDelays.put(failure, refused ? -1L : delay);
		try {
			long wait = retryState.onError(failure);
			return refused ? BUDGET_EXHAUSTED : wait;
		}
		finally {
			this.plannedDelays.remove(failure);
		}
	}

}
