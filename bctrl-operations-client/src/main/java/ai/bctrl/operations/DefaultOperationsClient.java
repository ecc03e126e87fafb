package ai.bctrl.operations;

import java.time.Duration;

import io.micrometer.observation.ObservationRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link OperationsClient}: each public call is one {@link CallPipeline} call (one
 * WebClient exchange per attempt, wrapped in the resilience policy), observed as one
 * logical call.
 */
final class DefaultOperationsClient implements OperationsClient {

	private final OperationsClientSettings settings;

	private final CallPipeline pipeline;

	private final AwaitPolling awaitPolling;

	private final BulkCancel bulkCancel;

	private final ObservationRegistry observationRegistry;

	private final OperationsObservationConvention observationConvention;

	DefaultOperationsClient(OperationsClient.Builder builder) {
		this.settings = builder.settings;
		this.pipeline = new CallPipeline(builder);
		this.awaitPolling = new AwaitPolling(this.pipeline, this.settings.attemptTimeout(), builder.scheduler);
		this.bulkCancel = new BulkCancel(this::cancel, this.settings.bulk().concurrency());
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
	}

	@Override
	public Mono<Operation> cancel(String operationId) {
		return observed("cancel", operationId, this.pipeline.cancel(operationId));
	}

	@Override
	public Mono<Operation> get(String operationId) {
		return observed("get", operationId, this.pipeline.get(operationId));
	}

	@Override
	public Mono<Operation> await(String operationId, Duration timeout) {
		requirePositive(timeout);
		return observed("await", operationId,
				this.pipeline.await(operationId, timeout, this.settings.deadline().plus(timeout)));
	}

	@Override
	public Mono<Operation> cancelAndAwait(String operationId, Duration timeout) {
		requirePositive(timeout);
		return observed("cancel-and-await", operationId,
				this.awaitPolling.afterCancel(this.pipeline.cancel(operationId), timeout));
	}

	@Override
	public Flux<CancelResult> cancelAll(Publisher<String> operationIds) {
		return this.bulkCancel.cancelAll(operationIds);
	}

	private Mono<Operation> observed(String clientOperation, String operationId, Mono<Operation> call) {
		if (this.observationRegistry.isNoop()) {
			return call;
		}
		return ObservedCall.observe(call, clientOperation, operationId, this.observationRegistry,
				this.observationConvention);
	}

	private static void requirePositive(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be a positive duration but was " + timeout);
		}
	}

}
