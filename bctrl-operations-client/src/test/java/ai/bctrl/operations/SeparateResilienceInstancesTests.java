package ai.bctrl.operations;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.retry;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One set of resilience instances per client: two clients on the same registries never
 * share a circuit breaker or a retry.
 */
class SeparateResilienceInstancesTests {

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	private final RetryRegistry retries = RetryRegistry.ofDefaults();

	private final MockWebServer healthy = WireTestSupport.startServer();

	@AfterEach
	void stopServer() {
		this.healthy.close();
	}

	@Test
	void namesTheInstancesOfTheDefaultClientAndOfANamedClient() {
		build(OperationsClient.builder(settings(WireTestSupport.baseUrl(this.healthy)).build()));
		build(OperationsClient.builder(settings(WireTestSupport.baseUrl(this.healthy)).build()).name("eu"));
		assertThat(this.breakers.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
			.containsExactlyInAnyOrder("bctrl-operations", "bctrl-operations-eu");
		assertThat(this.retries.getAllRetries()).extracting((retry) -> retry.getName())
			.containsExactlyInAnyOrder("bctrl-operations", "bctrl-operations-eu");
	}

	@Test
	void secondClientSucceedsWithItsBreakerClosedWhileTheFirstClientsServiceIsDown() {
		AtomicInteger downRequests = new AtomicInteger();
		try (LoopbackServer down = LoopbackServer.start((number, request, response) -> {
			downRequests.incrementAndGet();
			return LoopbackServer.reset(request);
		})) {
			OperationsClient first = build(
					OperationsClient.builder(settings(down.baseUrl()).retry(retry(2)).build()).name("first"));
			OperationsClient second = build(
					OperationsClient.builder(settings(WireTestSupport.baseUrl(this.healthy)).build()).name("second"));
			catchThrowableOfType(BctrlTransportException.class, () -> first.get("op_1").block(BLOCK));
			this.breakers.circuitBreaker("bctrl-operations-first").transitionToOpenState();
			assertThatExceptionOfType(BctrlCircuitOpenException.class).isThrownBy(() -> first.get("op_1").block(BLOCK));
			this.healthy.enqueue(operation("op_2", OperationStatus.RUNNING));
			assertThat(second.get("op_2").block(BLOCK).id()).isEqualTo("op_2");
			assertThat(this.breakers.circuitBreaker("bctrl-operations-second").getState())
				.isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(downRequests).hasValue(2);
		}
	}

	@Test
	void eachClientRetriesWithItsOwnMaxAttempts() {
		try (LoopbackServer down = LoopbackServer.start((number, request, response) -> LoopbackServer.reset(request))) {
			OperationsClient twice = build(
					OperationsClient.builder(settings(down.baseUrl()).retry(retry(2)).build()).name("twice"));
			OperationsClient thrice = build(
					OperationsClient.builder(settings(down.baseUrl()).retry(retry(3)).build()).name("thrice"));
			assertThat(catchThrowableOfType(BctrlTransportException.class, () -> twice.get("op_1").block(BLOCK))
				.attempts()).isEqualTo(2);
			assertThat(catchThrowableOfType(BctrlTransportException.class, () -> thrice.get("op_1").block(BLOCK))
				.attempts()).isEqualTo(3);
		}
	}

	@Test
	void refusesANameThatCannotBeATagValue() {
		OperationsClient.Builder builder = OperationsClient.builder(settings("http://127.0.0.1:1").build());
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> builder.name("eu west"))
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("name"));
	}

	private OperationsClient build(OperationsClient.Builder builder) {
		return builder.jitter(() -> 0.0).circuitBreakerRegistry(this.breakers).retryRegistry(this.retries).build();
	}

}
