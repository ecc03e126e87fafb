package ai.bctrl.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring MVC application of {@link BlockingClientMvcApplicationTests} with
 * {@code spring.threads.virtual.enabled=true}: the controller, and so the blocking call,
 * runs on a virtual thread. Skipped below Java 21.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = BlockingMvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.retry.enabled=false",
				"spring.threads.virtual.enabled=true", "spring.main.banner-mode=off" })
class BlockingClientVirtualThreadsApplicationTests {

	static final MockWebServer server = BlockingClientMvcApplicationTests.startServer();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void bctrlServer(DynamicPropertyRegistry registry) {
		registry.add("bctrl.api.base-url", () -> server.url("/").toString());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void controllerGetsTheOperationOnAVirtualThread() throws Exception {
		server.enqueue(TestResponses.operation("op-42", "running"));
		HttpResponse<String> response = get("/operations/op-42");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("op-42 RUNNING thread=virtual");
	}

	@Test
	void controllerCatchesTheNotFoundExceptionItselfOnAVirtualThread() throws Exception {
		server.enqueue(TestResponses.error(404));
		HttpResponse<String> response = get("/operations/op-missing");
		assertThat(response.body()).isEqualTo("thrown=ai.bctrl.operations.OperationNotFoundException thread=virtual");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
