package ai.bctrl.operations;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * {@code cancelAll}: cancels with bounded concurrency, one {@link CancelResult} per id in
 * completion order; a failed id never aborts the batch, and a failing id source ends it
 * only after the results of the ids already sent. Each run is one {@link BulkBatch}: it
 * pauses as a whole when the service asks to, adapts how many requests are in flight, and
 * rides out an open breaker; a batch running longer than a few seconds logs its progress
 * at INFO.
 */
final class BulkCancel {

	private static final Log logger = LogFactory.getLog(BulkCancel.class);

	/** How often a running batch logs its progress. */
	private static final long PROGRESS_INTERVAL_SECONDS = 5;

	private final Function<String, Mono<Operation>> cancel;

	private final OperationsClientSettings settings;

	private final String clientName;

	private final Scheduler scheduler;

	private final AtomicInteger clientConcurrency;

	BulkCancel(Function<String, Mono<Operation>> cancel, OperationsClientSettings settings, String clientName,
			Scheduler scheduler, AtomicInteger clientConcurrency) {
		this.cancel = cancel;
		this.settings = settings;
		this.clientName = clientName;
		this.scheduler = scheduler;
		this.clientConcurrency = clientConcurrency;
	}

	Flux<CancelResult> cancelAll(Publisher<String> operationIds) {
		return Flux.defer(() -> {
			BulkBatch batch = new BulkBatch(this.settings.bulk(), this.settings, this.scheduler,
					this.clientConcurrency);
			Disposable progress = this.scheduler.schedulePeriodically(() -> logProgress(batch, "running"),
					PROGRESS_INTERVAL_SECONDS, PROGRESS_INTERVAL_SECONDS, TimeUnit.SECONDS);
			long startNanos = batch.now();
			// An error of the id source waits for the cancels already sent: their results
			// come first. As many ids are taken as the most the batch may have in flight
			// (as configured: the client's own connection pool is sized for it).
			return Flux.from(operationIds)
				.flatMapDelayError((id) -> cancelOne(id, batch, batch.now()), this.settings.bulk().concurrency(), 1)
				.doFinally((signal) -> {
					progress.dispose();
					if (batch.now() - startNanos >= TimeUnit.SECONDS.toNanos(PROGRESS_INTERVAL_SECONDS)) {
						logProgress(batch, "ended (" + signal + ")");
					}
					batch.end();
				});
		});
	}

	private void logProgress(BulkBatch batch, String state) {
		if (logger.isInfoEnabled()) {
			logger.info("cancelAll of client '" + this.clientName + "' " + state + ": " + batch.progress());
		}
	}

	/**
	 * One id: its turn in the batch, then its call, again while the batch rides out a
	 * failure the service may get over.
	 */
	private Mono<CancelResult> cancelOne(String operationId, BulkBatch batch, long firstNanos) {
		Mono<Operation> call;
		try {
			call = this.cancel.apply(operationId);
		}
		catch (IllegalArgumentException ex) {
			CancelResult skipped = CancelResult.failure(operationId, new BctrlException(
					"cancel operation '" + operationId + "' skipped: " + ex.getMessage(), operationId, 0, ex));
			batch.finished(skipped);
			return Mono.just(skipped);
		}
		Mono<CancelResult> once = batch.turn()
			.then(call.contextWrite(Context.of(BulkFeedback.class, batch)))
			.map((operation) -> CancelResult.success(operationId, operation))
			.onErrorResume(BctrlException.class, (error) -> Mono.just(CancelResult.failure(operationId, error)))
			.doOnNext((result) -> batch.release(result.isSuccess()))
			.doOnError((error) -> batch.release(false));
		return once.flatMap((result) -> {
			BctrlException error = result.error();
			if (error != null && batch.rideOut(error, firstNanos)) {
				return cancelOne(operationId, batch, firstNanos);
			}
			batch.finished(result);
			return Mono.just(result);
		});
	}

}
