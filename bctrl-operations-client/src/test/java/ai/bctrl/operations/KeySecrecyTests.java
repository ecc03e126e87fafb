package ai.bctrl.operations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static ai.bctrl.operations.WireTestSupport.API_KEY;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §5: the key is set beneath the application's own {@code WebClient} filters, so
 * none of them can see (or log) it, yet the server receives it.
 */
class KeySecrecyTests {

	private final MockWebServer server = WireTestSupport.startServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void anApplicationFilterNeverSeesTheKeyWhileTheServerReceivesIt() throws InterruptedException {
		this.server.enqueue(WireTestSupport.json(WireTestSupport.MINIMAL_OPERATION));
		List<String> seenByFilter = new CopyOnWriteArrayList<>();
		WebClient.Builder application = WebClient.builder().filter((request, next) -> {
			seenByFilter.add(request.headers().toString());
			return next.exchange(request);
		});
		OperationsClient client = OperationsClient.builder(WireTestSupport.settings(this.server).build())
			.webClientBuilder(application)
			.build();

		client.cancel("op-1").block(BLOCK);

		assertThat(seenByFilter).hasSize(1).noneMatch((headers) -> headers.contains(API_KEY));
		RecordedRequest received = this.server.takeRequest();
		assertThat(received.getHeaders().get(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + API_KEY);
	}

	@Test
	void anAuthorizationHeaderAddedByAFilterCannotReplaceTheKey() throws InterruptedException {
		this.server.enqueue(WireTestSupport.json(WireTestSupport.MINIMAL_OPERATION));
		WebClient.Builder application = WebClient.builder()
			.filter((request, next) -> next.exchange(
					ClientRequest.from(request).header(HttpHeaders.AUTHORIZATION, "Bearer someone-else").build()));
		OperationsClient client = OperationsClient.builder(WireTestSupport.settings(this.server).build())
			.webClientBuilder(application)
			.build();

		client.cancel("op-1").block(BLOCK);

		RecordedRequest received = this.server.takeRequest();
		assertThat(received.getHeaders().values(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer " + API_KEY);
	}

}
