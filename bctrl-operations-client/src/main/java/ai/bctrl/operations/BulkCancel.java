package ai.bctrl.operations;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code cancelAll}: cancels with bounded concurrency, one {@link CancelResult} per id in
 * completion order; a failed id never aborts the batch, and a failing id source ends it
 * only after the results of the ids already sent.
 */
final class BulkCancel {

	private final Function<String, Mono<Operation>> cancel;

	private final int concurrency;

	BulkCancel(Function<String, Mono<Operation>> cancel, int concurrency) {
		this.cancel = cancel;
		// As configured: the client's own connection pool is sized for it.
		this.concurrency = concurrency;
	}

	Flux<CancelResult> cancelAll(Publisher<String> operationIds) {
		// An error of the id source waits for the cancels already sent: their results
		// come first.
		return Flux.from(operationIds).flatMapDelayError(this::cancelOne, this.concurrency, 1);
	}

	private Mono<CancelResult> cancelOne(String operationId) {
		Mono<Operation> cancel;
		try {
			cancel = this.cancel.apply(operationId);
		}
		catch (IllegalArgumentException ex) {
			return Mono.just(CancelResult.failure(operationId, new BctrlException(
					"cancel operation '" + operationId + "' skipped: " + ex.getMessage(), operationId, 0, ex)));
		}
		return cancel.map((operation) -> CancelResult.success(operationId, operation))
			.onErrorResume(BctrlException.class, (error) -> Mono.just(CancelResult.failure(operationId, error)));
	}

}
