package ai.bctrl.operations;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * The {@code bctrl.client.requests} observation of a logical call, as one operator: each
 * subscription starts an observation (child of the one in the subscriber's context, and
 * put in the context of the call for the HTTP client's own observation), and stops it
 * when the call returns an operation, fails, or is cancelled by the caller.
 *
 * <p>
 * One operator in place of {@code deferContextual}, three {@code doOn…} and a
 * {@code contextWrite}; and not {@code tap}, which restores thread locals around every
 * signal when the context is not empty.
 */
final class ObservedCall extends MonoOperator<Operation, Operation> {

	private static final OperationsObservationConvention DEFAULT_CONVENTION = new DefaultOperationsObservationConvention();

	private final String clientName;

	private final String clientOperation;

	private final String operationId;

	private final ObservationRegistry registry;

	private final OperationsObservationConvention convention;

	private ObservedCall(Mono<Operation> call, String clientName, String clientOperation, String operationId,
			ObservationRegistry registry, OperationsObservationConvention convention) {
		super(call);
		this.clientName = clientName;
		this.clientOperation = clientOperation;
		this.operationId = operationId;
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe a call, through Reactor's assembly hooks like any operator.
	 * @param call the call
	 * @param clientName the name of the client
	 * @param clientOperation the client method ({@code cancel}, {@code get}, …)
	 * @param operationId the operation id
	 * @param registry the observation registry, not the no-op one
	 * @param convention a convention replacing the default one, or {@code null}
	 * @return the observed call
	 */
	static Mono<Operation> observe(Mono<Operation> call, String clientName, String clientOperation, String operationId,
			ObservationRegistry registry, OperationsObservationConvention convention) {
		return onAssembly(new ObservedCall(call, clientName, clientOperation, operationId, registry, convention));
	}

	@Override
	public void subscribe(CoreSubscriber<? super Operation> actual) {
		OperationsObservationContext context = new OperationsObservationContext(this.clientName, this.clientOperation,
				this.operationId);
		Context reactorContext = actual.currentContext();
		context.setParentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
		Observation observation = OperationsObservationDocumentation.CLIENT_CALL
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		this.source.subscribe(new Observing(actual, context, observation,
				reactorContext.put(ObservationThreadLocalAccessor.KEY, observation)));
	}

	private static final class Observing implements CoreSubscriber<Operation>, Subscription {

		private static final AtomicIntegerFieldUpdater<Observing> STOPPED = AtomicIntegerFieldUpdater
			.newUpdater(Observing.class, "stopped");

		private final CoreSubscriber<? super Operation> actual;

		private final OperationsObservationContext context;

		private final Observation observation;

		private final Context reactorContext;

		private Subscription upstream;

		private volatile int stopped;

		Observing(CoreSubscriber<? super Operation> actual, OperationsObservationContext context,
				Observation observation, Context reactorContext) {
			this.actual = actual;
			this.context = context;
			this.observation = observation;
			this.reactorContext = reactorContext;
		}

		@Override
		public Context currentContext() {
			return this.reactorContext;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(Operation operation) {
			if (STOPPED.compareAndSet(this, 0, 1)) {
				this.context.setOperation(operation);
				this.context.setStatusCode(200);
				this.observation.stop();
			}
			this.actual.onNext(operation);
		}

		@Override
		public void onError(Throwable error) {
			if (STOPPED.compareAndSet(this, 0, 1)) {
				this.context.setStatusCode((error instanceof BctrlApiException api) ? api.statusCode() : 0);
				this.observation.error(error);
				this.observation.stop();
			}
			this.actual.onError(error);
		}

		@Override
		public void onComplete() {
			if (STOPPED.compareAndSet(this, 0, 1)) {
				this.observation.stop();
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			if (STOPPED.compareAndSet(this, 0, 1)) {
				this.context.setCancelled(true);
				this.observation.stop();
			}
			this.upstream.cancel();
		}

	}

}
