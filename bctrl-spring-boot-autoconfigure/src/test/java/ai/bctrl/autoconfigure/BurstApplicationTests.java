package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4, in an application whose connector Boot builds: a burst of 2,000 concurrent
 * cancels against a healthy but slow server waits for connections; none fails and the
 * breaker records nothing.
 */
@SpringBootTest(properties = { "bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.deadline=30s",
		"bctrl.api.attempt-timeout=20s", "spring.main.banner-mode=off" })
class BurstApplicationTests {

	// Answering takes 300 ms: the server's slowness is the behaviour under test.
	private static final DisposableServer server = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> Mono.delay(Duration.ofMillis(300))
			.then(response.status(200)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just("{\"id\":\"op\",\"workspaceId\":\"ws-1\",\"runtimeId\":\"rt-1\","
						+ "\"runtime\":\"browser-1\",\"runtimeKind\":\"browser\",\"status\":\"cancelling\","
						+ "\"createdAt\":\"2025-06-01T10:00:00Z\"}"))
				.then()))
		.bindNow();

	@Autowired
	private OperationsClient client;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void bctrlServer(DynamicPropertyRegistry registry) {
		registry.add("bctrl.api.base-url", () -> "http://127.0.0.1:" + server.port());
	}

	@AfterAll
	static void stopServer() {
		server.disposeNow(Duration.ofSeconds(5));
	}

	@Test
	void aBurstOfTwoThousandCancelsWaitsForConnectionsAndLeavesTheBreakerClosed() {
		List<Throwable> failures = Flux.range(0, 2000)
			.flatMap((
					index) -> this.client.cancel("op-" + index).then(Mono.<Throwable>empty()).onErrorResume(Mono::just),
					2000)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(failures).isEmpty();
		CircuitBreaker breaker = this.breakers.circuitBreaker(OperationsClient.Builder.RESILIENCE_INSTANCE_NAME);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
