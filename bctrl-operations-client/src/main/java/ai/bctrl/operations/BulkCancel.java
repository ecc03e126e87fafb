package ai.bctrl.operations;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code cancelAll}: cancels with bounded concurrency, one {@link CancelResult} per id in
 * completion order; a failed id never aborts the batch.
 */
final class BulkCancel {

	private final Function<String, Mono<Operation>> cancel;

	private final int concurrency;

	BulkCancel(Function<String, Mono<Operation>> cancel, int concurrency) {
		this.cancel = cancel;
		// More requests than the pool has connections would only queue for a connection.
		this.concurrency = Math.min(concurrency, ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS);
	}

	Flux<CancelResult> cancelAll(Publisher<String> operationIds) {
		return Flux.from(operationIds).flatMap(this::cancelOne, this.concurrency, 1);
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
