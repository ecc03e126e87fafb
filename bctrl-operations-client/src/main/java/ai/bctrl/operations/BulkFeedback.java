package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * What a {@code cancelAll} batch learns from the attempts of its calls: every failed
 * attempt, retried or not, so that it can pause or slow down as a whole. A call finds its
 * batch in the Reactor context; calls outside a batch have none.
 */
interface BulkFeedback {

	/**
	 * An attempt of one of the batch's calls failed.
	 * @param failure the failure, as the attempt reported it
	 */
	void attemptFailed(Throwable failure);

	/**
	 * How long the batch is still paused: a retry of one of its calls waits at least as
	 * long, as a new request would.
	 * @return the time left in milliseconds, zero or less when not paused
	 */
	long pausedMillis();

	/**
	 * Tell the batch in the context, if any, that an attempt failed.
	 * @return the batch, or {@code null} when the call is not part of one
	 */
	static @Nullable BulkFeedback attemptFailed(ContextView context, Throwable failure) {
		BulkFeedback batch = context.getOrDefault(BulkFeedback.class, null);
		if (batch != null) {
			batch.attemptFailed(failure);
		}
		return batch;
	}

}
