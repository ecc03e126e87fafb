package ai.bctrl.operations;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link BlockingOperationsClient} of an {@link OperationsClient}: each call is the
 * reactive call, blocked on. The reactive call ends by its deadline; the wait is bounded
 * as well, a little beyond, so that a defect can never hold the caller's thread for good.
 */
final class DefaultBlockingOperationsClient implements BlockingOperationsClient {

	/**
	 * How much longer than the call's own bound the caller waits: the call's own timeout
	 * error, which says more, comes first.
	 */
	private static final Duration GRACE = Duration.ofSeconds(1);

	private final OperationsClient client;

	private final CallLimits limits;

	DefaultBlockingOperationsClient(OperationsClient client, CallLimits limits) {
		this.client = client;
		this.limits = limits;
	}

	@Override
	public Operation cancel(String operationId) {
		checkThread("cancel");
		return block("cancel", operationId, this.client.cancel(operationId), this.limits.deadline());
	}

	@Override
	public Operation get(String operationId) {
		checkThread("get");
		return block("get", operationId, this.client.get(operationId), this.limits.deadline());
	}

	@Override
	public Operation await(String operationId, Duration timeout) {
		checkThread("await");
		return block("await", operationId, this.client.await(operationId, timeout),
				this.limits.deadline().plus(timeout));
	}

	@Override
	public Operation cancelAndAwait(String operationId, Duration timeout) {
		checkThread("cancelAndAwait");
		// The cancel within its deadline, then the wait with its answer allowance.
		Duration bound = this.limits.deadline().plus(timeout).plus(this.limits.attemptTimeout());
		return block("cancel-and-await", operationId, this.client.cancelAndAwait(operationId, timeout), bound);
	}

	@Override
	public List<CancelResult> cancelAll(Collection<String> operationIds) {
		Objects.requireNonNull(operationIds, "operationIds must not be null");
		checkThread("cancelAll");
		// Each cancel is bounded by its deadline and a failed one is a result: the batch
		// ends.
		List<CancelResult> results = this.client.cancelAll(Flux.fromIterable(operationIds)).collectList().block();
		return (results != null) ? results : List.of();
	}

	private Operation block(String clientOperation, String operationId, Mono<Operation> call, Duration bound) {
		// block() rethrows a RuntimeException as it is, with the caller's stack added as
		// a suppressed exception.
		Operation operation = call.timeout(bound.plus(GRACE),
				Mono.error(() -> new BctrlTimeoutException(clientOperation + " operation " + operationId
						+ " did not end within " + bound.plus(GRACE) + "; the wait was abandoned", operationId, 0,
						null)))
			.block();
		return Objects.requireNonNull(operation, "the call completed without an operation");
	}

	private static void checkThread(String method) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("BlockingOperationsClient." + method
					+ " was called on the non-blocking thread " + Thread.currentThread().getName()
					+ ", where blocking would stall every request of that event loop: use the reactive "
					+ "OperationsClient there, or call the blocking client from a thread that may block "
					+ "(a servlet request thread, a virtual thread, Schedulers.boundedElastic())");
		}
	}

}
