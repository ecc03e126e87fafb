package ai.bctrl.operations;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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

	/**
	 * Stateless: one per client, applied to every attempt chain; {@code null} when off.
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
		CircuitBreaker breaker = ResilienceInstances.circuitBreaker(builder);
		this.breakerOperator = (breaker != null) ? CircuitBreakerOperator.of(breaker) : null;
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
		return Mono.defer(() -> {
			Call call = calls.get();
			Mono<Operation> attempt = Mono.defer(() -> attempt(call, exchange))
				.onErrorMap((error) -> this.failures.translate(call, error));
			// Assembled per subscription, so every subscription has its own retry state.
			if (this.breakerOperator != null) {
				attempt = attempt.transform(this.breakerOperator);
			}
			if (!this.retryLoop.enabled()) {
				// A batch hears of the failure here, as the retry loop tells it
				// otherwise.
				return attempt.onErrorResume((error) -> Mono.deferContextual((context) -> {
					BulkFeedback.attemptFailed(context, error);
					return Mono.error((error instanceof CallNotPermittedException refused)
							? this.failures.circuitOpen(call, refused) : error);
				}));
			}
			return this.retryLoop.run(call, attempt);
		});
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

}
