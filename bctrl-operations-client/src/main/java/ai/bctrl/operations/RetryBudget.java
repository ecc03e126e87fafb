package ai.bctrl.operations;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import ai.bctrl.operations.OperationsClientSettings.RetryBudgetSettings;

/**
 * The retry budget of one client, shared by all its calls (DESIGN §4): a token bucket
 * that a retry draws from ({@code retryCost}, {@code timeoutRetryCost} after a timeout)
 * and that every call succeeding at its first attempt refills by one, up to its capacity.
 * In a long storm retries thus add at most about one in {@code retryCost} to the load.
 * Lock-free; a successful call costs one volatile read when the bucket is full.
 */
final class RetryBudget {

	private final boolean enabled;

	private final int capacity;

	private final int retryCost;

	private final int timeoutRetryCost;

	private final AtomicInteger tokens;

	private final AtomicLong refused = new AtomicLong();

	RetryBudget(RetryBudgetSettings settings) {
		this.enabled = settings.enabled();
		this.capacity = settings.capacity();
		this.retryCost = settings.retryCost();
		this.timeoutRetryCost = settings.timeoutRetryCost();
		this.tokens = new AtomicInteger(this.capacity);
	}

	/**
	 * Take the tokens a retry after this failure costs. A failure of the client's own
	 * limits (no free connection in the pool yet) costs nothing: the service did not
	 * fail, and the retry only waits for a connection.
	 * @return whether the retry may go ahead; {@code false} counts a refusal
	 */
	boolean tryRetry(BctrlException failure) {
		if (!this.enabled || RetryPolicy.isLocalLimit(failure)) {
			return true;
		}
		int cost = (failure instanceof BctrlTimeoutException) ? this.timeoutRetryCost : this.retryCost;
		int current = this.tokens.get();
		while (current >= cost) {
			if (this.tokens.compareAndSet(current, current - cost)) {
				return true;
			}
			current = this.tokens.get();
		}
		this.refused.incrementAndGet();
		return false;
	}

	/**
	 * A call succeeded at its first attempt: put one token back, up to the capacity.
	 */
	void firstAttemptSucceeded() {
		int current = this.tokens.get();
		while (current < this.capacity && !this.tokens.compareAndSet(current, current + 1)) {
			current = this.tokens.get();
		}
	}

	/** Tokens left in the bucket. */
	int tokens() {
		return this.tokens.get();
	}

	/** Retries the budget refused since the client was built. */
	long refused() {
		return this.refused.get();
	}

}
