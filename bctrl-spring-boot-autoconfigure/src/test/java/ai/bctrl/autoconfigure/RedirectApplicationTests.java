package ai.bctrl.autoconfigure;

import java.io.IOException;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.bctrl.autoconfigure.OperationsClientAutoConfiguration.BootClientHttpConnector;
import ai.bctrl.operations.BctrlApiException;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * DESIGN §5: the connector Boot builds for the client never follows a redirect, even with
 * {@code spring.http.clients.redirects=follow}: a {@code 307} to another host ends the
 * call with a {@link BctrlApiException} of that status naming the {@code Location}, and
 * the other host receives nothing.
 */
@SpringBootTest(properties = { "bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.retry.enabled=false",
		"spring.http.clients.redirects=follow", "spring.main.banner-mode=off" })
class RedirectApplicationTests {

	private static final MockWebServer server = startServer();

	private static final MockWebServer otherHost = startServer();

	@Autowired
	private OperationsClient client;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void bctrlServer(DynamicPropertyRegistry registry) {
		registry.add("bctrl.api.base-url", () -> server.url("/").toString());
	}

	@AfterAll
	static void stopServers() {
		server.close();
		otherHost.close();
	}

	@Test
	void bootsConnectorEndsTheCallAtARedirect() {
		assertThat(this.context.getBeansOfType(BootClientHttpConnector.class)).hasSize(1);
		String location = otherHost.url("/v1/operations/op-1/cancel").toString();
		server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", location).build());
		otherHost.enqueue(TestResponses.operation("op-1", "cancelling"));

		Throwable failure = catchThrowable(() -> this.client.cancel("op-1").block(java.time.Duration.ofSeconds(10)));

		assertThat(failure).isInstanceOfSatisfying(BctrlApiException.class,
				(api) -> assertThat(api.statusCode()).isEqualTo(307));
		assertThat(failure.getMessage()).contains(location);
		assertThat(otherHost.getRequestCount()).isZero();
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
