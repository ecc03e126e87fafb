package ai.bctrl.operations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import mockwebserver3.MockResponse;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

/**
 * Shared pieces of the resilience tests: small timeouts, operation bodies, and a client
 * whose Resilience4j instances the test can watch.
 */
final class ResilienceFixtures {

	static final String API_KEY = "bctrl_test_3f2a9c7e";

	/** Retry policy of the tests: 3 attempts, waits capped at 100 ms, 200 ms, 400 ms. */
	static final RetrySettings RETRY = RetrySettings.builder()
		.enabled(true)
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(100))
		.multiplier(2.0)
		.maxBackoff(Duration.ofMillis(400))
		.maxRetryAfter(Duration.ofSeconds(5))
		.build();

	/**
	 * The default breaker: 20 calls before it can open, so single tests never open it.
	 */
	static final CircuitBreakerSettings BREAKER = CircuitBreakerSettings.builder().build();

	private ResilienceFixtures() {
	}

	/**
	 * Settings whose timeouts never fire by chance: 10 s per attempt, 30 s per call (the
	 * first request of a JVM spends a few hundred milliseconds loading Reactor Netty,
	 * more on a loaded machine). Tests of the timeouts set their own, on virtual time
	 * where they can.
	 */
	static OperationsClientSettings.Builder settings(String baseUrl) {
		return OperationsClientSettings.builder()
			.baseUrl(baseUrl)
			.apiKey(API_KEY)
			.connectTimeout(Duration.ofMillis(500))
			.attemptTimeout(Duration.ofSeconds(10))
			.deadline(Duration.ofSeconds(30))
			.retry(RETRY)
			.circuitBreaker(BREAKER);
	}

	static RetrySettings retry(int maxAttempts) {
		return RETRY.toBuilder().maxAttempts(maxAttempts).build();
	}

	static TestClient client(OperationsClientSettings settings) {
		return client(OperationsClient.builder(settings).jitter(() -> 0.5));
	}

	static TestClient client(OperationsClientSettings settings, DoubleSupplier jitter) {
		return client(OperationsClient.builder(settings).jitter(jitter));
	}

	/**
	 * A client whose backoff waits, deadlines and attempt timeouts all run on
	 * {@code time}: they pass only when the test advances it.
	 */
	static TestClient client(OperationsClientSettings settings, DoubleSupplier jitter, VirtualTimeScheduler time) {
		return client(OperationsClient.builder(settings).jitter(jitter).scheduler(time));
	}

	static TestClient client(OperationsClient.Builder builder) {
		RetryRegistry retries = RetryRegistry.ofDefaults();
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		OperationsClient client = builder.retryRegistry(retries).circuitBreakerRegistry(breakers).build();
		String name = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;
		Retry retry = retries.retry(name);
		List<Duration> waits = new CopyOnWriteArrayList<>();
		List<Throwable> retried = new CopyOnWriteArrayList<>();
		retry.getEventPublisher().onRetry((event) -> {
			waits.add(event.getWaitInterval());
			retried.add(event.getLastThrowable());
		});
		return new TestClient(client, retry, breakers.circuitBreaker(name), waits, retried);
	}

	static String operationJson(String id, OperationStatus status) {
		return """
				{"id":"%s","workspaceId":"ws_7d1c","runtimeId":"rt_93ab","runtime":"browser",\
				"runtimeKind":"browser","status":"%s","currentCall":null,"progress":null,"result":null,\
				"error":null,"createdAt":"2025-06-01T10:00:00Z","startedAt":"2025-06-01T10:00:01Z",\
				"finishedAt":null,"cancelRequestedAt":"2025-06-01T10:05:00Z","lastHeartbeatAt":null}""".formatted(id,
				status.wireValue());
	}

	static MockResponse operation(String id, OperationStatus status) {
		return WireTestSupport.json(200, operationJson(id, status));
	}

	static MockResponse error(int code) {
		return WireTestSupport.json(code, """
				{"error":"something went wrong","code":"test.error","requestId":"req_%d"}""".formatted(code));
	}

	/**
	 * A client with the Resilience4j instances it uses, and for every retry it made, in
	 * order, the wait and the failure that caused it.
	 */
	record TestClient(OperationsClient client, Retry retry, CircuitBreaker breaker, List<Duration> waits,
			List<Throwable> retried) {

		CircuitBreaker.Metrics breakerMetrics() {
			return this.breaker.getMetrics();
		}

	}

}
