package ai.bctrl.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reactive client of the bctrl operations API.
 *
 * <p>
 * Every call is one logical call protected by the client's resilience policy: each
 * attempt is bounded by {@code attemptTimeout}, passes a circuit breaker, and transient
 * failures (transport errors, timeouts, 408, 429, 500, 502, 503, 504) are retried with
 * exponential backoff and full jitter, honouring {@code Retry-After}, all within
 * {@code deadline}. Errors are reported as {@link BctrlException} subclasses. Nothing
 * happens until the returned publisher is subscribed; every subscription is a new call
 * with its own retry state, and disposing the subscription aborts the request in flight.
 *
 * <p>
 * In a Spring Boot application the starter provides this bean. Without Spring Boot, use
 * {@link #builder(OperationsClientSettings)}.
 */
public interface OperationsClient {

	/**
	 * Request cancellation of an operation ({@code POST /v1/operations/{id}/cancel}). A
	 * queued operation is cancelled at once; a running one moves to
	 * {@link OperationStatus#CANCELLING} and is cancelled by its runtime later (see
	 * {@link #cancelAndAwait}); a finished one is returned unchanged.
	 * <p>
	 * Although a POST, cancel is retried like a read: asking twice for cancellation has
	 * the same effect as asking once.
	 * @param operationId the operation id
	 * @return the operation as the server reports it after the request
	 * @throws IllegalArgumentException if the id is {@code null} or blank (before any
	 * request)
	 */
	Mono<Operation> cancel(String operationId);

	/**
	 * Read an operation ({@code GET /v1/operations/{id}}).
	 * @param operationId the operation id
	 * @return the operation
	 * @throws IllegalArgumentException if the id is {@code null} or blank (before any
	 * request)
	 */
	Mono<Operation> get(String operationId);

	/**
	 * Wait on the server for an operation to finish ({@code POST
	 * /v1/operations/{id}/wait} with {@code {"timeoutMs": ...}}). The server holds the
	 * request for up to {@code timeout}, so the attempt timeout and the deadline of this
	 * call are stretched by {@code timeout}.
	 * @param operationId the operation id
	 * @param timeout how long the server may wait; positive
	 * @return the operation when it finished or the timeout passed, whichever came first
	 * (check {@link OperationStatus#isTerminal()})
	 * @throws IllegalArgumentException if the id is {@code null} or blank, or the timeout
	 * is not positive (before any request)
	 */
	Mono<Operation> await(String operationId, Duration timeout);

	/**
	 * Request cancellation, then wait until the operation reaches a terminal status or
	 * the timeout passes. The cancel request has the policy of {@link #cancel}; the wait
	 * that follows gets at most {@code attemptTimeout} beyond {@code timeout} to be
	 * answered (retries included), after which the last known operation is returned.
	 * @param operationId the operation id
	 * @param timeout how long to wait for a terminal status after the cancel request;
	 * positive
	 * @return the last known operation: terminal, or still {@code CANCELLING} if the
	 * timeout passed first
	 * @throws IllegalArgumentException if the id is {@code null} or blank, or the timeout
	 * is not positive (before any request)
	 */
	Mono<Operation> cancelAndAwait(String operationId, Duration timeout);

	/**
	 * Cancel many operations with bounded concurrency ({@code bulk().concurrency()}, 16
	 * by default). Emits one {@link CancelResult} per id, in completion order; a failed
	 * id never aborts the batch (a blank id gives a failed result). Requests ids from
	 * {@code operationIds} only as capacity frees up and respects downstream demand.
	 * <p>
	 * The batch behaves as one caller: a {@code 429} or {@code 503} with
	 * {@code Retry-After} pauses it as a whole; with {@code bulk().adaptive()} every
	 * {@code 429}, {@code 503} or timeout halves the requests in flight and every success
	 * raises the limit by one; while the circuit breaker is open, or after failures the
	 * retries of an id could not get past, it waits and tries the id again, which fails
	 * only once it has waited {@code bulk().maxPause()}. A batch running longer than a
	 * few seconds logs its progress at INFO.
	 * @param operationIds the ids to cancel
	 * @return one result per id
	 */
	Flux<CancelResult> cancelAll(Publisher<String> operationIds);

	/**
	 * A client with other limits for its calls, for example a shorter deadline for the
	 * calls made while serving a web request. It shares everything else with this client:
	 * connections, circuit breaker, retry and observation. Deriving is cheap; a derived
	 * client may be kept or made per call.
	 * @param options the limits that differ from this client's; unset ones are this
	 * client's
	 * @return the derived client
	 */
	OperationsClient withOptions(CallOptions options);

	/**
	 * The same client for imperative code: each call blocks the calling thread until it
	 * ends, at most until its deadline, and throws the {@link BctrlException} subclass
	 * itself. It must not be used on a non-blocking (event-loop) thread: such a call
	 * fails at once with an {@link IllegalStateException}.
	 * @return the blocking client
	 */
	BlockingOperationsClient blocking();

	/**
	 * Start building a client that works without Spring Boot.
	 * @param settings the settings
	 * @return a builder
	 */
	static Builder builder(OperationsClientSettings settings) {
		return new Builder(settings);
	}

	/**
	 * Builder of the default {@link OperationsClient}. Only the settings are required.
	 */
	final class Builder {

		/**
		 * Name of the Resilience4j retry and circuit breaker the default client uses;
		 * other clients use {@code bctrl-operations-<name>}.
		 */
		public static final String RESILIENCE_INSTANCE_NAME = "bctrl-operations";

		/** Name of a client unless {@link #name(String)} gives another. */
		public static final String DEFAULT_NAME = "default";

		final OperationsClientSettings settings;

		String name = DEFAULT_NAME;

		WebClient.@Nullable Builder webClientBuilder;

		@Nullable ClientHttpConnector clientConnector;

		ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		@Nullable OperationsObservationConvention observationConvention;

		@Nullable CircuitBreakerRegistry circuitBreakerRegistry;

		@Nullable RetryRegistry retryRegistry;

		Clock clock = Clock.systemUTC();

		DoubleSupplier jitter = () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();

		Scheduler scheduler = Schedulers.parallel();

		private Builder(OperationsClientSettings settings) {
			this.settings = Objects.requireNonNull(settings, "settings must not be null");
		}

		/**
		 * The {@link WebClient.Builder} to start from (default
		 * {@link WebClient#builder()}). It is cloned, never changed. The client sets its
		 * own default headers, codec limit and connector (see {@link #clientConnector});
		 * filters and observation settings of the builder are kept.
		 * @param webClientBuilder the builder
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.@Nullable Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * The HTTP connector to use instead of the client's own (a Reactor Netty
		 * connector on the global resources with {@code connectTimeout}): for example one
		 * configured for a proxy or with trust material of your own. The connector then
		 * decides the connect timeout; the attempt timeout and the deadline still bound
		 * every call.
		 * @param clientConnector the connector
		 * @return this builder
		 */
		public Builder clientConnector(@Nullable ClientHttpConnector clientConnector) {
			this.clientConnector = clientConnector;
			return this;
		}

		/**
		 * Registry for the {@code bctrl.client.requests} observation (default none).
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry);
			return this;
		}

		/**
		 * Convention replacing {@link DefaultOperationsObservationConvention}.
		 * @param observationConvention the convention
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable OperationsObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Name of the client (default {@value #DEFAULT_NAME}): the value of the
		 * {@code bctrl.client} observation key, and what names its Resilience4j instances
		 * (see {@link #resilienceInstanceName(String)}), so that two clients never share
		 * a breaker or a retry. Names are tag values: keep them few.
		 * @param name letters, digits, {@code .}, {@code _} or {@code -}
		 * @return this builder
		 * @throws InvalidSettingException if the name is empty or has other characters
		 */
		public Builder name(String name) {
			this.name = SettingChecks.clientName(name);
			return this;
		}

		/**
		 * Name of the Resilience4j retry and circuit breaker of a client:
		 * {@value #RESILIENCE_INSTANCE_NAME} for the {@value #DEFAULT_NAME} client,
		 * {@code bctrl-operations-<name>} for the others.
		 * @param clientName the client's name
		 * @return the instance name
		 */
		public static String resilienceInstanceName(String clientName) {
			return DEFAULT_NAME.equals(clientName) ? RESILIENCE_INSTANCE_NAME
					: RESILIENCE_INSTANCE_NAME + "-" + clientName;
		}

		/**
		 * Registry to take the client's circuit breaker from (named as
		 * {@link #resilienceInstanceName(String)} says). An instance already registered
		 * under that name is used as it is; otherwise one is created from the settings.
		 * @param circuitBreakerRegistry the registry
		 * @return this builder
		 */
		public Builder circuitBreakerRegistry(@Nullable CircuitBreakerRegistry circuitBreakerRegistry) {
			this.circuitBreakerRegistry = circuitBreakerRegistry;
			return this;
		}

		/**
		 * Registry to take the client's retry from (named as
		 * {@link #resilienceInstanceName(String)} says). An instance already registered
		 * under that name is used as it is (the client retries failed attempts only: a
		 * result predicate of that instance is not consulted); otherwise one is created
		 * from the settings.
		 * @param retryRegistry the registry
		 * @return this builder
		 */
		public Builder retryRegistry(@Nullable RetryRegistry retryRegistry) {
			this.retryRegistry = retryRegistry;
			return this;
		}

		/**
		 * Clock used to read HTTP-date {@code Retry-After} values (default UTC system
		 * clock).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock);
			return this;
		}

		/** Source of jitter in [0, 1); tests make backoff delays exact with it. */
		Builder jitter(DoubleSupplier jitter) {
			this.jitter = jitter;
			return this;
		}

		/**
		 * Scheduler of the client's own waits (retry backoff, await re-polling); tests
		 * run them on virtual time with it.
		 */
		Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public OperationsClient build() {
			return new DefaultOperationsClient(this);
		}

	}

}
