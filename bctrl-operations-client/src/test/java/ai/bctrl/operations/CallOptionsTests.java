package ai.bctrl.operations;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link CallOptions} and {@link OperationsClient#withOptions(CallOptions)}: other limits
 * per call on a derived client that shares everything else with its parent.
 */
class CallOptionsTests {

	private final MockWebServer server = WireTestSupport.startServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void derivedClientFailsAtItsOwnDeadlineAlthoughTheParentsIsThirtySeconds() {
		try (LoopbackServer silent = LoopbackServer.start((number, request, response) -> LoopbackServer.stall())) {
			OperationsClient parent = OperationsClient
				.builder(settings(silent.baseUrl()).attemptTimeout(Duration.ofSeconds(30))
					.deadline(Duration.ofSeconds(30))
					.build())
				.build();
			OperationsClient derived = parent
				.withOptions(CallOptions.builder().deadline(Duration.ofMillis(300)).build());
			long start = System.nanoTime();
			BctrlTimeoutException failure = catchThrowableOfType(BctrlTimeoutException.class,
					() -> derived.cancel("op_1").block(BLOCK));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure).hasMessageContaining("0.3s");
			assertThat(silent.requestCount()).isEqualTo(1);
		}
	}

	@Test
	void derivedClientMakesNoMoreAttemptsThanItsOptionsAllow() {
		OperationsClient parent = OperationsClient.builder(settings(WireTestSupport.baseUrl(this.server)).build())
			.jitter(() -> 0.0)
			.build();
		OperationsClient once = parent.withOptions(CallOptions.builder().maxAttempts(1).build());
		this.server.enqueue(error(503));
		this.server.enqueue(error(503));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		assertThat(catchThrowableOfType(BctrlServerException.class, () -> once.cancel("op_1").block(BLOCK)).attempts())
			.isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(parent.cancel("op_1").block(BLOCK).status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void tenThousandDerivedClientsShareTheParentsConnectionsBreakerAndRetry() {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		RetryRegistry retries = RetryRegistry.ofDefaults();
		AtomicInteger added = new AtomicInteger();
		DefaultOperationsClient parent = (DefaultOperationsClient) OperationsClient
			.builder(settings(WireTestSupport.baseUrl(this.server)).build())
			.circuitBreakerRegistry(breakers)
			.retryRegistry(retries)
			.build();
		breakers.getEventPublisher().onEntryAdded((event) -> added.incrementAndGet());
		retries.getEventPublisher().onEntryAdded((event) -> added.incrementAndGet());
		OperationsClient last = parent;
		for (int i = 0; i < 10_000; i++) {
			DefaultOperationsClient derived = (DefaultOperationsClient) parent
				.withOptions(CallOptions.builder().deadline(Duration.ofMillis(100 + i)).maxAttempts(1 + i % 3).build());
			// The pipeline holds the WebClient (and so the connection pool), the breaker
			// and the retry.
			assertThat(derived.pipeline()).isSameAs(parent.pipeline());
			last = derived;
		}
		this.server.enqueue(operation("op_1", OperationStatus.RUNNING));
		assertThat(last.get("op_1").block(BLOCK).id()).isEqualTo("op_1");
		assertThat(added).hasValue(0);
		assertThat(breakers.getAllCircuitBreakers()).hasSize(1);
		assertThat(retries.getAllRetries()).hasSize(1);
		assertThat(breakers.circuitBreaker("bctrl-operations").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
	}

	@Test
	void derivedClientKeepsTheLimitsItDoesNotSet() {
		OperationsClient parent = OperationsClient
			.builder(settings(WireTestSupport.baseUrl(this.server)).deadline(Duration.ofSeconds(7)).build())
			.build();
		DefaultOperationsClient derived = (DefaultOperationsClient) parent
			.withOptions(CallOptions.builder().attemptTimeout(Duration.ofMillis(250)).build());
		assertThat(CallLimits.of(settings("http://127.0.0.1:1").deadline(Duration.ofSeconds(7)).build())
			.with(CallOptions.builder().attemptTimeout(Duration.ofMillis(250)).build()))
			.isEqualTo(new CallLimits(Duration.ofMillis(250), Duration.ofSeconds(7), 3));
		assertThat(derived.pipeline()).isSameAs(((DefaultOperationsClient) parent).pipeline());
	}

	@Test
	void optionsAreCheckedLikeSettings() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> CallOptions.builder().deadline(Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("deadline"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> CallOptions.builder().attemptTimeout(Duration.ofSeconds(-1)))
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("attemptTimeout"));
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> CallOptions.builder().maxAttempts(11))
			.withMessageContaining("between 1 and 10")
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("maxAttempts"));
	}

	@Test
	void optionsLeaveUnsetLimitsEmpty() {
		CallOptions options = CallOptions.builder().maxAttempts(2).build();
		assertThat(options.deadline()).isNull();
		assertThat(options.attemptTimeout()).isNull();
		assertThat(options.maxAttempts()).isEqualTo(2);
		assertThat(options).isEqualTo(CallOptions.builder().maxAttempts(2).build());
	}

}
