package ai.bctrl.operations;

import java.time.Duration;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The {@link OperationsClient}: each public call is one {@link CallPipeline} call (one
 * WebClient exchange per attempt, wrapped in the resilience policy), observed as one
 * logical call. A client {@link #withOptions derived} from it shares its pipeline (so its
 * connections, breaker and retry) and its observation, and has limits of its own.
 */
final class DefaultOperationsClient implements OperationsClient {

	private final String name;

	private final CallLimits limits;

	private final CallPipeline pipeline;

	/** Scheduler of the client's own waits, shared with derived clients. */
	private final Scheduler scheduler;

	private final AwaitPolling awaitPolling;

	private final BulkCancel bulkCancel;

	private final ObservationRegistry observationRegistry;

	private final OperationsObservationConvention observationConvention;

	private final OperationsClientSettings settings;

	DefaultOperationsClient(OperationsClient.Builder builder) {
		this(builder.name, CallLimits.of(builder.settings), new CallPipeline(builder), builder.scheduler,
				builder.observationRegistry, builder.observationConvention, builder.settings);
	}

	private DefaultOperationsClient(String name, CallLimits limits, CallPipeline pipeline, Scheduler scheduler,
			ObservationRegistry observationRegistry, OperationsObservationConvention observationConvention,
			OperationsClientSettings settings) {
		this.name = name;
		this.limits = limits;
		this.pipeline = pipeline;
		this.scheduler = scheduler;
		this.awaitPolling = new AwaitPolling(pipeline, limits, scheduler);
		this.bulkCancel = new BulkCancel(this::cancel, settings, name, scheduler, pipeline.bulkConcurrency());
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.settings = settings;
	}

	@Override
	public Mono<Operation> cancel(String operationId) {
		return observed("cancel", operationId, this.pipeline.cancel(operationId, this.limits));
	}

	@Override
	public Mono<Operation> get(String operationId) {
		return observed("get", operationId, this.pipeline.get(operationId, this.limits));
	}

	@Override
	public Mono<Operation> await(String operationId, Duration timeout) {
		requirePositive(timeout);
		return observed("await", operationId,
				this.pipeline.await(operationId, timeout, this.limits.deadline().plus(timeout), this.limits));
	}

	@Override
	public Mono<Operation> cancelAndAwait(String operationId, Duration timeout) {
		requirePositive(timeout);
		return observed("cancel-and-await", operationId,
				this.awaitPolling.afterCancel(this.pipeline.cancel(operationId, this.limits), timeout));
	}

	@Override
	public Flux<CancelResult> cancelAll(Publisher<String> operationIds) {
		return this.bulkCancel.cancelAll(operationIds);
	}

	@Override
	public OperationsClient withOptions(CallOptions options) {
		Objects.requireNonNull(options, "options must not be null");
		return new DefaultOperationsClient(this.name, this.limits.with(options), this.pipeline, this.scheduler,
				this.observationRegistry, this.observationConvention, this.settings);
	}

	@Override
	public BlockingOperationsClient blocking() {
		return new DefaultBlockingOperationsClient(this, this.limits);
	}

	/**
	 * The pipeline of the calls, shared by every client derived from this one.
	 */
	CallPipeline pipeline() {
		return this.pipeline;
	}

	private Mono<Operation> observed(String clientOperation, String operationId, Mono<Operation> call) {
		if (this.observationRegistry.isNoop()) {
			return call;
		}
		return ObservedCall.observe(call, this.name, clientOperation, operationId, this.observationRegistry,
				this.observationConvention);
	}

	private static void requirePositive(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be a positive duration but was " + timeout);
		}
	}

}
