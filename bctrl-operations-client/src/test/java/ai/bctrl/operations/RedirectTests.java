package ai.bctrl.operations;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static ai.bctrl.operations.WireTestSupport.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §5: redirects are never followed; a 3xx ends the call with a
 * {@link BctrlApiException} naming the {@code Location}, and nothing (the key least of
 * all) goes to the other host, whatever the connector would do.
 */
class RedirectTests {

	private final MockWebServer server = WireTestSupport.startServer();

	private final MockWebServer otherHost = WireTestSupport.startServer();

	@AfterEach
	void stopServers() {
		this.server.close();
		this.otherHost.close();
	}

	@Test
	void aRedirectIsAnErrorOfItsStatusNamingTheLocation() {
		String location = redirectToOtherHost();
		OperationsClient client = WireTestSupport.client(this.server);

		Throwable failure = WireTestSupport.failureOf(() -> client.cancel("op-1"));

		assertThat(failure).isInstanceOfSatisfying(BctrlApiException.class,
				(api) -> assertThat(api.statusCode()).isEqualTo(307));
		assertThat(failure.getMessage()).contains(location).doesNotContain(API_KEY);
		assertThat(this.otherHost.getRequestCount()).isZero();
	}

	@Test
	void aConnectorThatFollowsRedirectsSendsNothingToTheOtherHost() {
		String location = redirectToOtherHost();
		OperationsClient client = OperationsClient.builder(WireTestSupport.settings(this.server).build())
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(true)))
			.build();

		Throwable failure = WireTestSupport.failureOf(() -> client.cancel("op-1"));

		assertThat(failure).isInstanceOf(BctrlApiException.class);
		assertThat(failure.getMessage()).contains(location).doesNotContain(API_KEY);
		assertThat(this.otherHost.getRequestCount()).isZero();
	}

	private String redirectToOtherHost() {
		String location = WireTestSupport.baseUrl(this.otherHost) + "/v1/operations/op-1/cancel";
		this.server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", location).build());
		this.otherHost.enqueue(WireTestSupport.json(WireTestSupport.MINIMAL_OPERATION));
		return location;
	}

}
