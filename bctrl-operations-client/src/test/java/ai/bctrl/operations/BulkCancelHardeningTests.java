package ai.bctrl.operations;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.settings;

/**
 * DESIGN §4: when the id publisher fails, the results of the ids already sent are
 * delivered, then the error.
 */
class BulkCancelHardeningTests {

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void resultsOfIdsAlreadySentComeBeforeTheErrorOfTheIdSource() {
		// Answers take a while, so the ids' error arrives while all four are in flight.
		this.server = LoopbackServer.start((number, request, response) -> Mono.delay(Duration.ofMillis(200))
			.then(Mono.from(LoopbackServer.json(response, 200, operationJson("op", OperationStatus.CANCELLING)))));
		OperationsClient client = client(settings(this.server.baseUrl()).build()).client();
		Flux<String> ids = Flux.concat(Flux.just("op-1", "op-2", "op-3", "op-4"),
				Flux.error(new IllegalStateException("id source failed")));

		StepVerifier.create(client.cancelAll(ids))
			.expectNextCount(4)
			.expectErrorMessage("id source failed")
			.verify(Duration.ofSeconds(10));
	}

}
