package ai.bctrl.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole Spring Boot application with actuator on a random port: the auto-configured
 * client calls a loopback bctrl server (retrying a 503), and the actuator endpoints show
 * the {@code bctrl} health contributor and the client's meters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.retry.initial-backoff=1ms",
				"management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-components=always", "management.endpoint.health.show-details=always",
				"spring.main.banner-mode=off" })
class OperationsClientApplicationTests {

	private static final MockWebServer server = startServer();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private OperationsClient client;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void bctrlServer(DynamicPropertyRegistry registry) {
		registry.add("bctrl.api.base-url", () -> server.url("/").toString());
		registry.add("bctrl.api.attempt-timeout", () -> "20s");
		registry.add("bctrl.api.deadline", () -> "25s");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void callsBctrlAndReportsHealthAndMetrics() throws Exception {
		server.enqueue(TestResponses.error(503));
		server.enqueue(TestResponses.operation("op-42", "cancelling"));
		Operation operation = this.client.cancel("op-42").block(TestResponses.BLOCK);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);

		JsonNode health = get("/actuator/health");
		assertThat(health.at("/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/bctrl/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/bctrl/details/circuitBreaker").asString()).isEqualTo("CLOSED");
		assertThat(health.at("/components/bctrl/details/baseUrl").asString()).isEqualTo(server.url("/").toString());
		assertThat(health.at("/components/bctrl/details/bufferedCalls").asInt()).isEqualTo(2);
		assertThat(health.at("/components/bctrl/details/failedCalls").asInt()).isEqualTo(1);

		JsonNode requests = get("/actuator/metrics/bctrl.client.requests");
		assertThat(requests.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
		assertThat(requests.get("availableTags").valueStream().map((tag) -> tag.get("tag").asString()))
			.contains("bctrl.operation", "outcome", "status", "exception", "bctrl.operation.status");
		JsonNode attempts = get("/actuator/metrics/http.client.requests");
		assertThat(attempts.at("/measurements/0/value").asDouble()).isEqualTo(2.0);
		JsonNode state = get(
				"/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:bctrl-operations&tag=state:closed");
		assertThat(state.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
		JsonNode retries = get(
				"/actuator/metrics/resilience4j.retry.calls?tag=name:bctrl-operations&tag=kind:successful_with_retry");
		assertThat(retries.at("/measurements/0/value").asDouble()).isEqualTo(1.0);
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static MockWebServer startServer() {
		MockWebServer server = new MockWebServer();
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return server;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
