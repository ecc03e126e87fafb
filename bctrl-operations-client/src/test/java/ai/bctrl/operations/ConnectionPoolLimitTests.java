package ai.bctrl.operations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import ai.bctrl.operations.OperationsClientSettings.BulkSettings;
import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: {@code bulk.concurrency} is honoured as configured, and the client's own
 * limits (connection pool, pending-acquire queue) are not failures of the service: a
 * burst waits for connections and never opens the breaker.
 */
class ConnectionPoolLimitTests {

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void cancelAllKeepsAsManyRequestsInFlightAsTheConfiguredConcurrency() {
		Sinks.Empty<Void> sixtyFourArrived = Sinks.empty();
		// The server holds every answer until 64 requests are in flight (or 3 s have
		// passed: then the assertion below reports how many there were).
		this.server = LoopbackServer.start((number, request, response) -> {
			if (enter() == 64) {
				sixtyFourArrived.tryEmitEmpty();
			}
			return Mono.firstWithSignal(sixtyFourArrived.asMono(), Mono.delay(Duration.ofSeconds(3)).then())
				.then(Mono.defer(() -> {
					this.inFlight.decrementAndGet();
					return Mono
						.from(LoopbackServer.json(response, 200, operationJson("op", OperationStatus.CANCELLING)));
				}));
		});
		TestClient test = client(settings(this.server.baseUrl()).bulk(BulkSettings.builder().concurrency(64).build())
			.deadline(Duration.ofSeconds(10))
			.attemptTimeout(Duration.ofSeconds(5))
			.build());

		List<CancelResult> results = test.client()
			.cancelAll(Flux.range(0, 100).map((index) -> "op-" + index))
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(results).hasSize(100).allMatch(CancelResult::isSuccess);
		assertThat(this.maxInFlight.get()).isEqualTo(64);
	}

	@Test
	void aBurstOfTwoThousandCancelsWaitsForConnectionsAndLeavesTheBreakerClosed() {
		// The server's answer time is the behaviour under test: it keeps connections
		// busy.
		this.server = LoopbackServer.start((number, request, response) -> Mono.delay(Duration.ofMillis(300))
			.then(Mono.from(LoopbackServer.json(response, 200, operationJson("op", OperationStatus.CANCELLING)))));
		TestClient test = client(settings(this.server.baseUrl()).deadline(Duration.ofSeconds(30))
			.attemptTimeout(Duration.ofSeconds(20))
			.build());

		List<Throwable> failures = Flux.range(0, 2000)
			.flatMap((index) -> test.client()
				.cancel("op-" + index)
				.then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just), 2000)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(failures).isEmpty();
		assertThat(test.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void aFullPendingQueueOfTheApplicationsConnectorIsNeverRecordedByTheBreaker() {
		this.server = LoopbackServer.start((number, request, response) -> Mono.delay(Duration.ofMillis(200))
			.then(Mono.from(LoopbackServer.json(response, 200, operationJson("op", OperationStatus.CANCELLING)))));
		ConnectionProvider tiny = ConnectionProvider.builder("tiny")
			.maxConnections(1)
			.pendingAcquireMaxCount(1)
			.build();
		TestClient test = client(
				OperationsClient.builder(settings(this.server.baseUrl()).retry(ResilienceFixtures.retry(1)).build())
					.clientConnector(new ReactorClientHttpConnector(HttpClient.create(tiny))));
		try {
			List<Throwable> failures = Flux.range(0, 30)
				.flatMap((index) -> test.client()
					.cancel("op-" + index)
					.then(Mono.<Throwable>empty())
					.onErrorResume(Mono::just), 30)
				.collectList()
				.block(Duration.ofSeconds(30));

			assertThat(failures).isNotEmpty()
				.allSatisfy((failure) -> assertThat(failure).isInstanceOf(BctrlTransportException.class)
					.hasMessageContaining("PoolAcquirePendingLimitException"));
			assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isZero();
		}
		finally {
			tiny.disposeLater().block(Duration.ofSeconds(10));
		}
	}

	private int enter() {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		return now;
	}

}
