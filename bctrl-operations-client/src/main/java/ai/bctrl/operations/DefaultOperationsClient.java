package ai.bctrl.operations;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;

/**
 * The {@link OperationsClient}: one WebClient exchange per attempt, wrapped in the
 * resilience policy (attempt timeout, circuit breaker, retry, deadline) and observed as
 * one logical call.
 */
final class DefaultOperationsClient implements OperationsClient {

	private static final byte[] NO_BODY = new byte[0];

	/**
	 * Pause before asking again when the server answered a wait early without a final
	 * status.
	 */
	private static final Duration AWAIT_REPOLL_PAUSE = Duration.ofMillis(200);

	private final OperationsClientSettings settings;

	private final WebClient webClient;

	private final String operationsUrl;

	private final OperationsJson json = new OperationsJson();

	/** The HTTP exchange of calls answered with an operation (cancel, get). */
	private final Function<Call, Mono<Operation>> operationExchange = (call) -> exchange(call,
			this.json::readOperation);

	/** The HTTP exchange of the wait call. */
	private final Function<Call, Mono<Operation>> awaitExchange = (call) -> exchange(call,
			this.json::readAwaitResponse);

	private final Failures failures;

	private final RetryPolicy retryPolicy;

	private final CircuitBreaker circuitBreaker;

	/** Stateless: one per client, applied to every attempt chain. */
	private final CircuitBreakerOperator<Operation> breakerOperator;

	private final Retry retry;

	/**
	 * The wait decided for a failure, while the retry handles it (keyed by identity:
	 * exceptions do not override equals).
	 */
	private final Map<Throwable, Long> plannedDelays = new ConcurrentHashMap<>();

	private final ObservationRegistry observationRegistry;

	private final OperationsObservationConvention observationConvention;

	private final int bulkConcurrency;

	DefaultOperationsClient(OperationsClient.Builder builder) {
		this.settings = builder.settings;
		this.webClient = createWebClient(builder);
		this.operationsUrl = stripTrailingSlash(this.settings.baseUrl().toString()) + "/v1/operations/";
		this.failures = new Failures(this.settings.apiKey(), this.json, builder.clock);
		this.retryPolicy = new RetryPolicy(this.settings.retry(), builder.jitter);
		this.circuitBreaker = createCircuitBreaker(builder);
		this.breakerOperator = (this.circuitBreaker != null) ? CircuitBreakerOperator.of(this.circuitBreaker) : null;
		this.retry = createRetry(builder);
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		// More requests than the pool has connections would only queue for a connection.
		this.bulkConcurrency = Math.min(this.settings.bulk().concurrency(),
				ConnectionProvider.DEFAULT_POOL_MAX_CONNECTIONS);
	}

	private WebClient createWebClient(OperationsClient.Builder builder) {
		ClientHttpConnector connector = (builder.clientConnector != null) ? builder.clientConnector
				: new ReactorClientHttpConnector(HttpClient.create()
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.settings.connectTimeout().toMillis()));
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		return webClientBuilder.clientConnector(connector)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize((int) this.settings.maxResponseSize()))
			.defaultHeaders((headers) -> {
				headers.setBearerAuth(this.settings.apiKey());
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set(HttpHeaders.USER_AGENT, "bctrl-spring-boot/" + ClientVersion.get());
			})
			.build();
	}

	private CircuitBreaker createCircuitBreaker(OperationsClient.Builder builder) {
		CircuitBreakerSettings breaker = this.settings.circuitBreaker();
		if (!breaker.enabled()) {
			return null;
		}
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			.recordException(RetryPolicy::isServiceFailure)
			.build();
		String name = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;
		return (builder.circuitBreakerRegistry != null) ? builder.circuitBreakerRegistry.circuitBreaker(name, config)
				: CircuitBreaker.of(name, config);
	}

	private Retry createRetry(OperationsClient.Builder builder) {
		if (!this.settings.retry().enabled() || this.settings.retry().maxAttempts() < 2) {
			return null;
		}
		// The delay is decided per call (it depends on the deadline) when the attempt
		// fails;
		// the retry only carries it out. A retryable failure of the last attempt is let
		// through as well: Resilience4j then ends the call itself and counts it as failed
		// with retry (rejected by the predicate, it would count as failed without retry).
		int maxAttempts = this.settings.retry().maxAttempts();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.retryOnException(
					(error) -> this.plannedDelays.getOrDefault(error, -1L) >= 0 || error instanceof BctrlException bctrl
							&& bctrl.attempts() >= maxAttempts && RetryPolicy.isRetryable(bctrl))
			.intervalBiFunction((attempt, outcome) -> outcome.isLeft()
					? this.plannedDelays.getOrDefault(outcome.getLeft(), -1L) : -1L)
			.build();
		String name = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;
		return (builder.retryRegistry != null) ? builder.retryRegistry.retry(name, config) : Retry.of(name, config);
	}

	@Override
	public Mono<Operation> cancel(String operationId) {
		return observed("cancel", operationId, cancelCall(operationId, this.operationExchange));
	}

	/**
	 * {@link #cancel(String)} with {@code exchange} in place of the HTTP exchange and the
	 * whole policy around it unchanged (attempt timeout, breaker, retry, deadline,
	 * observation): the seam the benchmarks use to measure what the policy itself costs.
	 */
	Mono<Operation> cancel(String operationId, Mono<Operation> exchange) {
		return observed("cancel", operationId, cancelCall(operationId, (call) -> exchange));
	}

	@Override
	public Mono<Operation> get(String operationId) {
		URI uri = operationUri(operationId, "");
		return observed("get", operationId, execute(() -> new Call("get", operationId, HttpMethod.GET, uri, null,
				this.settings.attemptTimeout(), this.settings.deadline()), this.operationExchange));
	}

	@Override
	public Mono<Operation> await(String operationId, Duration timeout) {
		requirePositive(timeout);
		return observed("await", operationId, awaitCall(operationId, timeout, this.settings.deadline().plus(timeout)));
	}

	@Override
	public Mono<Operation> cancelAndAwait(String operationId, Duration timeout) {
		requirePositive(timeout);
		Mono<Operation> cancel = cancelCall(operationId, this.operationExchange);
		Mono<Operation> cancelAndAwait = Mono.defer(() -> {
			long endNanos = System.nanoTime() + timeout.toNanos();
			return cancel.flatMap((operation) -> awaitTerminal(operation, endNanos));
		});
		return observed("cancel-and-await", operationId, cancelAndAwait);
	}

	private Mono<Operation> awaitTerminal(Operation last, long endNanos) {
		long remaining = endNanos - System.nanoTime();
		if (last.status().isTerminal() || remaining < Duration.ofMillis(1).toNanos()) {
			return Mono.just(last);
		}
		long started = System.nanoTime();
		Duration timeout = Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(remaining));
		// The server answers a wait when its timeout passes: allow it the attempt timeout
		// to
		// do so, retries included, and keep what is known if it does not.
		return awaitCall(last.id(), timeout, this.settings.attemptTimeout().plus(timeout))
			.onErrorResume(BctrlTimeoutException.class, (noAnswer) -> Mono.just(last))
			.flatMap((operation) -> {
				boolean answeredEarly = System.nanoTime() - started < AWAIT_REPOLL_PAUSE.toNanos();
				Mono<Operation> next = Mono.defer(() -> awaitTerminal(operation, endNanos));
				return (answeredEarly && !operation.status().isTerminal()) ? Mono.delay(AWAIT_REPOLL_PAUSE).then(next)
						: next;
			});
	}

	@Override
	public Flux<CancelResult> cancelAll(Publisher<String> operationIds) {
		return Flux.from(operationIds).flatMap(this::cancelForBatch, this.bulkConcurrency, 1);
	}

	private Mono<CancelResult> cancelForBatch(String operationId) {
		Mono<Operation> cancel;
		try {
			cancel = cancel(operationId);
		}
		catch (IllegalArgumentException ex) {
			return Mono.just(CancelResult.failure(operationId, new BctrlException(
					"cancel operation '" + operationId + "' skipped: " + ex.getMessage(), operationId, 0, ex)));
		}
		return cancel.map((operation) -> CancelResult.success(operationId, operation))
			.onErrorResume(BctrlException.class, (error) -> Mono.just(CancelResult.failure(operationId, error)));
	}

	private Mono<Operation> cancelCall(String operationId, Function<Call, Mono<Operation>> exchange) {
		URI uri = operationUri(operationId, "/cancel");
		return execute(() -> new Call("cancel", operationId, HttpMethod.POST, uri, null, this.settings.attemptTimeout(),
				this.settings.deadline()), exchange);
	}

	private Mono<Operation> awaitCall(String operationId, Duration timeout, Duration deadline) {
		URI uri = operationUri(operationId, "/wait");
		String body = "{\"timeoutMs\":" + Math.max(1, timeout.toMillis()) + "}";
		// The server holds the request for up to the timeout: stretch the attempt timeout
		// by it.
		return execute(() -> new Call("await", operationId, HttpMethod.POST, uri, body,
				this.settings.attemptTimeout().plus(timeout), deadline), this.awaitExchange);
	}

	/**
	 * One logical call, in the order of the policy: attempt with its timeout, circuit
	 * breaker, retry (the deadline bounds each attempt and each wait).
	 */
	private Mono<Operation> execute(Supplier<Call> calls, Function<Call, Mono<Operation>> exchange) {
		return Mono.defer(() -> {
			Call call = calls.get();
			Mono<Operation> attempt = Mono.defer(() -> attempt(call, exchange))
				.onErrorMap((error) -> this.failures.translate(call, error));
			// Assembled per subscription, so every subscription has its own retry state.
			if (this.circuitBreaker != null) {
				attempt = attempt.transform(this.breakerOperator);
			}
			if (this.retry == null) {
				return attempt.onErrorMap(CallNotPermittedException.class,
						(refused) -> this.failures.circuitOpen(call, refused));
			}
			Retry.AsyncContext<Operation> retryState = this.retry.asyncContext();
			return retried(call, attempt, retryState).doOnSuccess((operation) -> retryState.onComplete());
		});
	}

	/**
	 * The attempt, then another after each failure for which the retry gives a wait.
	 * Resilience4j's retry decides, counts and publishes its events as its own operator
	 * does; the loop itself costs nothing until an attempt fails (no {@code retryWhen}
	 * machinery on every call).
	 */
	private Mono<Operation> retried(Call call, Mono<Operation> attempt, Retry.AsyncContext<Operation> retryState) {
		return attempt.onErrorResume((error) -> {
			if (error instanceof Error) {
				return Mono.error(error);
			}
			long waitMillis = onError(call, error, retryState);
			if (waitMillis < 0) {
				return Mono.error((error instanceof CallNotPermittedException refused)
						? this.failures.circuitOpen(call, refused) : error);
			}
			return Mono.delay(Duration.ofMillis(waitMillis)).then(retried(call, attempt, retryState));
		});
	}

	/**
	 * Hand the failure to the retry with the wait decided for this call (it depends on
	 * the deadline). The wait is kept beside the failure only while the retry reads it,
	 * never on the exception the caller gets.
	 */
	private long onError(Call call, Throwable error, Retry.AsyncContext<Operation> retryState) {
		if (!(error instanceof BctrlException failure)) {
			return retryState.onError(error);
		}
		this.plannedDelays.put(failure, this.retryPolicy.delayMillis(failure, call.attempts, call.remainingNanos()));
		try {
			return retryState.onError(failure);
		}
		finally {
			this.plannedDelays.remove(failure);
		}
	}

	private Mono<Operation> attempt(Call call, Function<Call, Mono<Operation>> exchange) {
		Duration timeout = call.nextAttemptTimeout();
		if (timeout == null) {
			return Mono.error(this.failures.deadlineExceeded(call));
		}
		call.attempts++;
		return AttemptTimer.limit(exchange.apply(call), timeout);
	}

	/** One HTTP exchange: request, status mapping, decoding. */
	private Mono<Operation> exchange(Call call, Function<byte[], Operation> decoder) {
		WebClient.RequestBodySpec request = this.webClient.method(call.method).uri(call.uri);
		if (call.body != null) {
			request.contentType(MediaType.APPLICATION_JSON);
			request.bodyValue(call.body);
		}
		return request.exchangeToMono((response) -> handle(call, response, decoder));
	}

	private Mono<Operation> handle(Call call, ClientResponse response, Function<byte[], Operation> decoder) {
		int status = response.statusCode().value();
		Mono<byte[]> body = response.bodyToMono(byte[].class).defaultIfEmpty(NO_BODY);
		if (response.statusCode().is2xxSuccessful()) {
			return body.map((bytes) -> decode(call, status, bytes, decoder));
		}
		HttpHeaders headers = response.headers().asHttpHeaders();
		// The status decides the exception: an error page too large to read (the codec
		// has
		// released it) still reports its status and may be retried.
		return body.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(NO_BODY))
			.flatMap((bytes) -> Mono.error(this.failures.apiError(call, status, headers, bytes)));
	}

	private Operation decode(Call call, int status, byte[] body, Function<byte[], Operation> decoder) {
		try {
			return decoder.apply(body);
		}
		catch (RuntimeException ex) {
			throw this.failures.undecodable(call, status, ex);
		}
	}

	private Mono<Operation> observed(String clientOperation, String operationId, Mono<Operation> call) {
		if (this.observationRegistry.isNoop()) {
			return call;
		}
		return ObservedCall.observe(call, clientOperation, operationId, this.observationRegistry,
				this.observationConvention);
	}

	/**
	 * The URL of an operation, its id one encoded path segment: no id can change the
	 * path.
	 */
	private URI operationUri(String operationId, String suffix) {
		if (operationId == null || operationId.isBlank()) {
			throw new IllegalArgumentException("operationId must not be null or blank but was "
					+ ((operationId != null) ? "'" + operationId + "'" : "null"));
		}
		String segment = UriUtils.encodePathSegment(operationId, StandardCharsets.UTF_8);
		// "." and ".." are valid segment characters but would be resolved as relative
		// paths.
		if (segment.equals(".") || segment.equals("..")) {
			segment = segment.replace(".", "%2E");
		}
		return URI.create(this.operationsUrl + segment + suffix);
	}

	private static void requirePositive(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be a positive duration but was " + timeout);
		}
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
