package ai.bctrl.starter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Spring Boot application whose only bctrl dependency is the starter, configured
 * only with {@code BCTRL_API_KEY} (and the base URL of a loopback server): it can inject
 * and call the client, and gets its metrics without adding anything.
 */
class StarterApplicationTests {

	@Test
	void applicationWithOnlyTheStarterCallsBctrlAndRecordsMetrics() throws IOException, InterruptedException {
		try (MockWebServer server = new MockWebServer()) {
			server.start();
			server.enqueue(new MockResponse.Builder().code(503).build());
			server.enqueue(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body("{\"id\":\"op-1\",\"workspaceId\":\"ws-1\",\"runtimeId\":\"rt-1\",\"runtime\":\"browser-1\","
						+ "\"runtimeKind\":\"browser\",\"status\":\"cancelling\",\"createdAt\":\"2025-06-01T10:00:00Z\"}")
				.build());
			SpringApplication application = new SpringApplication(UserApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.addInitializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("BCTRL_API_KEY", "sk-starter-test", "BCTRL_API_BASEURL", server.url("/").toString(),
								"BCTRL_API_RETRY_INITIALBACKOFF", "1ms"))));
			try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off")) {
				Operation operation = context.getBean(OperationsClient.class)
					.cancel("op-1")
					.block(Duration.ofSeconds(10));
				assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("bctrl.client.requests").timer().count()).isOne();
				assertThat(registry.get("http.client.requests").timers()).hasSize(2);
				assertThat(registry.get("resilience4j.circuitbreaker.state").tag("name", "bctrl-operations").gauges())
					.isNotEmpty();
				assertThat(registry.get("resilience4j.retry.calls").tag("name", "bctrl-operations").meters())
					.isNotEmpty();
			}
			RecordedRequest request = server.takeRequest();
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-starter-test");
		}
	}

	@SpringBootApplication
	static class UserApplication {

	}

}
