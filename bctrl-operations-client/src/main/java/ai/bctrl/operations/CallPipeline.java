package ai.bctrl.operations;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import org.springframework.http.HttpMethod;

/**
 * One logical call, in the order of the policy (DESIGN §4): attempt with its timeout,
 * circuit breaker, retry; the deadline bounds each attempt and each wait.
 */
final class CallPipeline {

	private final OperationsClientSettings settings;

	/**
	 * The operations collection, {@code …/v1/operations/}: every call's URL is resolved
	 * against it.
	 */
	private final URI operationsUri;

	private final OperationsJson json = new OperationsJson();

	private final HttpExchange http;

	/** The HTTP exchange of calls answered with an operation (cancel, get). */
	private final Function<Call, Mono<Operation>> operationExchange;

	/** The HTTP exchange of the wait call. */
	private final Function<Call, Mono<Operation>> awaitExchange;

	private final ExceptionMapping failures;

	/** The circuit breaker, {@code null} when off. */
	private final @Nullable CircuitBreaker breaker;

	/**
	 * Stateless: one per client, applied to the attempts after a first one failed;
	 * {@code null} when off.
	 */
	private final @Nullable CircuitBreakerOperator<Operation> breakerOperator;

	private final RetryLoop retryLoop;

	/** The clock of the deadlines. */
	private final LongSupplier nanoTime;

	private final AttemptTimer attemptTimer;

	private final RetryBudget retryBudget;

	/**
	 * Sum of the concurrency limits of the client's running {@code cancelAll} batches.
	 */
	private final AtomicInteger bulkConcurrency = new AtomicInteger();

	CallPipeline(OperationsClient.Builder builder) {
		this.settings = builder.settings;
		this.operationsUri = URI.create(stripTrailingSlash(this.settings.baseUrl().toString()) + "/v1/operations/");
		this.failures = new ExceptionMapping(this.settings.apiKey(), this.json, builder.clock);
		this.http = new HttpExchange(WebClientFactory.create(builder), this.failures);
		this.operationExchange = (call) -> this.http.exchange(call, this.json::readOperation);
		this.awaitExchange = (call) -> this.http.exchange(call, this.json::readAwaitResponse);
		this.breaker = ResilienceInstances.circuitBreaker(builder);
		this.breakerOperator = (this.breaker != null) ? CircuitBreakerOperator.of(this.breaker) : null;
		this.retryBudget = new RetryBudget(this.settings.retry().budget());
		this.retryLoop = new RetryLoop(builder, new RetryPolicy(this.settings.retry(), builder.jitter), this.failures,
				this.retryBudget);
		this.nanoTime = Call.nanoClock(builder.scheduler);
		this.attemptTimer = AttemptTimer.of(builder.scheduler);
	}

	/** The client's retry budget, shared by every call. */
	RetryBudget retryBudget() {
		return this.retryBudget;
	}

	/**
	 * Sum of the concurrency limits of the client's running batches, zero when none runs.
	 */
	AtomicInteger bulkConcurrency() {
		return this.bulkConcurrency;
	}

	Mono<Operation> cancel(String operationId, CallLimits limits) {
		URI uri = operationUri(operationId, "/cancel");
		return execute(() -> new Call("cancel", operationId, HttpMethod.POST, uri, null, limits.attemptTimeout(),
				limits.deadline(), limits.maxAttempts(), this.nanoTime), this.operationExchange);
	}

	Mono<Operation> get(String operationId, CallLimits limits) {
		URI uri = operationUri(operationId, "");
		return execute(() -> new Call("get", operationId, HttpMethod.GET, uri, null, limits.attemptTimeout(),
				limits.deadline(), limits.maxAttempts(), this.nanoTime), this.operationExchange);
	}

	Mono<Operation> await(String operationId, Duration timeout, Duration deadline, CallLimits limits) {
		URI uri = operationUri(operationId, "/wait");
		String body = "{\"timeoutMs\":" + Math.max(1, timeout.toMillis()) + "}";
		// The server holds the request for up to the timeout: stretch the attempt timeout
		// by it.
		return execute(() -> new Call("await", operationId, HttpMethod.POST, uri, body,
				limits.attemptTimeout().plus(timeout), deadline, limits.maxAttempts(), this.nanoTime),
				this.awaitExchange);
	}

	private Mono<Operation> execute(Supplier<Call> calls, Function<Call, Mono<Operation>> exchange) {
		return new Execution(calls, exchange).assembled();
	}

	/**
	 * The attempt as the retry loop resubscribes it: translated, then through the
	 * breaker. Assembled only after a first attempt failed.
	 */
	private Mono<Operation> retriedAttempt(Call call, Function<Call, Mono<Operation>> exchange) {
		Mono<Operation> attempt = Mono.defer(() -> attempt(call, exchange))
			.onErrorMap((error) -> this.failures.translate(call, error));
		return (this.breakerOperator != null) ? attempt.transform(this.breakerOperator) : attempt;
	}

	private Mono<Operation> attempt(Call call, Function<Call, Mono<Operation>> exchange) {
		Duration timeout = call.nextAttemptTimeout();
		if (timeout == null) {
			return Mono.error(this.failures.deadlineExceeded(call));
		}
		call.attempts++;
		return this.attemptTimer.limit(exchange.apply(call), timeout);
	}

	/**
	 * The URL of an operation, its id one encoded path segment: no id can change the
	 * path. Resolved against the parsed collection URL, so that only the relative part is
	 * parsed on each call (the whole URL took twice as long); the encoded segment has no
	 * {@code :} that could read as a scheme, and is never {@code .} or {@code ..}.
	 */
	private URI operationUri(String operationId, String suffix) {
		return this.operationsUri.resolve(URI.create(OperationIdSegment.encode(operationId) + suffix));
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * One call, assembled: each subscription runs it with its own {@link Call} and retry
	 * state.
	 */
	private final class Execution extends Mono<Operation> {

		private final Supplier<Call> calls;

		private final Function<Call, Mono<Operation>> exchange;

		Execution(Supplier<Call> calls, Function<Call, Mono<Operation>> exchange) {
			this.calls = calls;
			this.exchange = exchange;
		}

		Mono<Operation> assembled() {
			return onAssembly(this);
		}

		@Override
		public void subscribe(CoreSubscriber<? super Operation> actual) {
			Attempts attempts = new Attempts(actual, this.calls.get(), this.exchange);
			actual.onSubscribe(attempts);
			attempts.start();
		}

	}

	/**
	 * The attempts of one subscription. The first attempt is this one subscriber: it
	 * translates the attempt's failure, holds the breaker's permission and records the
	 * outcome in it, and does the retry's bookkeeping of a success, where the attempts
	 * after a failure go through {@link #retriedAttempt} and {@link RetryLoop#retries}.
	 * On the happy path that is one operator instead of six (two {@code defer}s,
	 * {@code onErrorMap}, the breaker's operator, {@code onErrorResume},
	 * {@code doOnSuccess}), the breaker's own subscriber with its two atomic flags
	 * included.
	 */
	private final class Attempts implements CoreSubscriber<Operation>, Subscription {

		private static final int NO_PERMIT = 0;

		private static final int PERMITTED = 1;

		private static final int SETTLED = 2;

		private static final AtomicIntegerFieldUpdater<Attempts> PERMIT = AtomicIntegerFieldUpdater
			.newUpdater(Attempts.class, "permit");

		private final CoreSubscriber<? super Operation> actual;

		private final Call call;

		private final Function<Call, Mono<Operation>> exchange;

		/** {@code null} when retries are off. */
		private final Retry.@Nullable AsyncContext<Operation> retryState;

		/** The attempt, or the retries after it, that this subscriber now follows. */
		private volatile @Nullable Subscription upstream;

		private volatile boolean requested;

		private volatile boolean cancelled;

		/** The breaker's permission for the first attempt, settled once. */
		private volatile int permit = NO_PERMIT;

		private long permitStart;

		/** Whether the first attempt failed; from then on signals pass through. */
		private boolean retrying;

		private boolean delivered;

		Attempts(CoreSubscriber<? super Operation> actual, Call call, Function<Call, Mono<Operation>> exchange) {
			this.actual = actual;
			this.call = call;
			this.exchange = exchange;
			this.retryState = CallPipeline.this.retryLoop.enabled() ? CallPipeline.this.retryLoop.newState() : null;
		}

		void start() {
			CircuitBreaker breaker = CallPipeline.this.breaker;
			if (breaker != null) {
				if (!breaker.tryAcquirePermission()) {
					failed(CallNotPermittedException.createCallNotPermittedException(breaker));
					return;
				}
				this.permitStart = breaker.getCurrentTimestamp();
				this.permit = PERMITTED;
			}
			if (this.cancelled) {
				releasePermit();
				return;
			}
			Mono<Operation> attempt;
			try {
				attempt = attempt(this.call, this.exchange);
			}
			catch (RuntimeException ex) {
				onError(ex);
				return;
			}
			attempt.subscribe(this);
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			if (this.cancelled) {
				subscription.cancel();
			}
			else if (this.requested) {
				subscription.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(Operation operation) {
			this.delivered = true;
			succeeded(operation);
			this.actual.onNext(operation);
		}

		@Override
		public void onError(Throwable error) {
			if (this.retrying) {
				this.actual.onError(error);
				return;
			}
			BctrlException failure = CallPipeline.this.failures.translate(this.call, error);
			CircuitBreaker breaker = CallPipeline.this.breaker;
			if (breaker != null && settlePermit()) {
				breaker.onError(breaker.getCurrentTimestamp() - this.permitStart, breaker.getTimestampUnit(), failure);
			}
			failed(failure);
		}

		@Override
		public void onComplete() {
			// An exchange ends with an operation or an error; were one ever empty, the
			// breaker's permission would still be settled, as its own operator does.
			if (!this.delivered) {
				succeeded(null);
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				this.requested = true;
				Subscription current = this.upstream;
				if (current != null) {
					current.request(Long.MAX_VALUE);
				}
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription current = this.upstream;
			if (current != null) {
				current.cancel();
			}
			releasePermit();
		}

		private void succeeded(@Nullable Operation operation) {
			CircuitBreaker breaker = CallPipeline.this.breaker;
			if (!this.retrying && breaker != null && settlePermit()) {
				breaker.onResult(breaker.getCurrentTimestamp() - this.permitStart, breaker.getTimestampUnit(),
						operation);
			}
			if (this.retryState != null) {
				CallPipeline.this.retryLoop.succeeded(this.call, this.retryState);
			}
		}

		/**
		 * The first attempt failed, or the breaker refused it: retry, or end the call.
		 */
		private void failed(Throwable failure) {
			this.retrying = true;
			if (this.retryState == null) {
				// A batch hears of the failure here, as the retry loop tells it
				// otherwise.
				BulkFeedback.attemptFailed(this.actual.currentContext(), failure);
				this.actual.onError(CallPipeline.this.failures.ending(this.call, failure));
				return;
			}
			CallPipeline.this.retryLoop
				.retries(this.call, failure, retriedAttempt(this.call, this.exchange), this.retryState)
				.subscribe(this);
		}

		private boolean settlePermit() {
			return PERMIT.compareAndSet(this, PERMITTED, SETTLED);
		}

		private void releasePermit() {
			CircuitBreaker breaker = CallPipeline.this.breaker;
			if (breaker != null && settlePermit()) {
				breaker.releasePermission();
			}
		}

	}

}
