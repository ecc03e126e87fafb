package ai.bctrl.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.netty.handler.logging.LogLevel;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.transport.logging.AdvancedByteBufFormat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.bctrl.operations.BctrlAuthenticationException;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DESIGN §5: with every debugging aid an application can turn on (request details in
 * codec logging, TRACE of Spring's web and Reactor Netty, a customizer logging every
 * header, a Reactor Netty wiretap printing the bytes as text) and a 401 whose body echoes
 * the key, the key appears in no log line, no exception and no actuator response, while
 * the server still receives it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bctrl.api.key=" + KeySecrecyApplicationTests.KEY, "bctrl.api.retry.enabled=false",
				"spring.http.codecs.log-request-details=true", "logging.level.org.springframework.web=TRACE",
				"logging.level.reactor.netty=TRACE", "logging.level.ai.bctrl=TRACE",
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"spring.main.banner-mode=off" })
@ExtendWith(OutputCaptureExtension.class)
class KeySecrecyApplicationTests {

	static final String KEY = "sk-live-Zq81mVt0pLk2wXy7";

	private static final MockWebServer server = startServer();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private OperationsClient client;

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
	void theKeyAppearsInNoLogLineMessageOrActuatorResponse(CapturedOutput output) throws Exception {
		server.enqueue(TestResponses.json(401, "{\"error\":\"invalid key " + KEY + "\",\"code\":\"auth.invalid\"}"));

		Throwable failure = catchThrowable(() -> this.client.cancel("op-1").block(Duration.ofSeconds(10)));

		assertThat(failure).isInstanceOf(BctrlAuthenticationException.class);
		StringWriter printed = new StringWriter();
		failure.printStackTrace(new PrintWriter(printed));
		assertThat(printed.toString()).doesNotContain(KEY);
		RecordedRequest received = server.takeRequest();
		assertThat(received.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + KEY);
		// The logging under test did run: the customizer's header dump and Spring's
		// request details are in the output.
		assertThat(output.getAll()).contains("request headers of the application's filter")
			.contains("User-Agent")
			.doesNotContain(KEY);
		String env = get("/actuator/env");
		assertThat(env).contains("bctrl.api.key").doesNotContain(KEY);
		assertThat(get("/actuator/configprops")).contains("bctrl.api").doesNotContain(KEY);
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return response.body();
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

		private static final Log logger = LogFactory.getLog(TestApplication.class);

		@Bean
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> wiretapCustomizer() {
			return (builder) -> builder.withHttpClientCustomizer(
					(client) -> client.wiretap("wiretap", LogLevel.INFO, AdvancedByteBufFormat.TEXTUAL));
		}

		@Bean
		WebClientCustomizer headerLoggingCustomizer() {
			return (builder) -> builder.filter((request, next) -> {
				logger.info("request headers of the application's filter: " + request.headers());
				return next.exchange(request);
			});
		}

	}

}
