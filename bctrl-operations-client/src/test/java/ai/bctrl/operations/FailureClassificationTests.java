package ai.bctrl.operations;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: what is retried and what the breaker records is always the client's own,
 * even when the application registered Resilience4j instances of the same name; their
 * sizes and durations are used.
 */
class FailureClassificationTests {

	private static final String NAME = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;

	private final MockWebServer server = WireTestSupport.startServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aPreRegisteredBreakerForcedOpenStaysForcedOpen() {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		breakers.circuitBreaker(NAME).transitionToForcedOpenState();
		OperationsClient client = OperationsClient
			.builder(ResilienceFixtures.settings(WireTestSupport.baseUrl(this.server)).build())
			.circuitBreakerRegistry(breakers)
			.build();

		assertThat(WireTestSupport.failureOf(() -> client.cancel("op-1")))
			.isInstanceOf(BctrlCircuitOpenException.class);
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void preRegisteredInstancesNeitherRetryNorRecordA404() {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		breakers.circuitBreaker(NAME,
				CircuitBreakerConfig.custom()
					.slidingWindowSize(4)
					.minimumNumberOfCalls(4)
					.waitDurationInOpenState(Duration.ofSeconds(42))
					.build());
		RetryRegistry retries = RetryRegistry.ofDefaults();
		retries.retry(NAME, RetryConfig.custom().maxAttempts(5).waitDuration(Duration.ofMillis(1)).build());
		for (int i = 0; i < 4; i++) {
			this.server.enqueue(ResilienceFixtures.error(404));
		}
		OperationsClient client = OperationsClient
			.builder(ResilienceFixtures.settings(WireTestSupport.baseUrl(this.server)).build())
			.circuitBreakerRegistry(breakers)
			.retryRegistry(retries)
			.build();

		for (int i = 0; i < 4; i++) {
			Throwable failure = WireTestSupport.failureOf(() -> client.cancel("op-1"));
			assertThat(failure).isInstanceOf(OperationNotFoundException.class);
		}

		assertThat(this.server.getRequestCount()).isEqualTo(4);
		CircuitBreaker breaker = breakers.circuitBreaker(NAME);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(4);
		assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(4);
	}

}
