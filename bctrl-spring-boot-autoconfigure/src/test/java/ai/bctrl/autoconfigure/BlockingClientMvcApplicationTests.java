package ai.bctrl.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring MVC application on a servlet web server (platform request threads) calls the
 * auto-configured {@code BlockingOperationsClient} from a controller.
 */
@SpringBootTest(classes = BlockingMvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.retry.enabled=false",
				"spring.main.banner-mode=off" })
class BlockingClientMvcApplicationTests {

	static final MockWebServer server = startServer();

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
	void controllerGetsTheOperationOnARequestThread() throws Exception {
		server.enqueue(TestResponses.operation("op-42", "running"));
		HttpResponse<String> response = get("/operations/op-42");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("op-42 RUNNING thread=platform");
	}

	@Test
	void controllerCatchesTheNotFoundExceptionItself() throws Exception {
		server.enqueue(TestResponses.error(404));
		HttpResponse<String> response = get("/operations/op-missing");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).isEqualTo("thrown=ai.bctrl.operations.OperationNotFoundException thread=platform");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static MockWebServer startServer() {
		MockWebServer server = new MockWebServer();
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

}
