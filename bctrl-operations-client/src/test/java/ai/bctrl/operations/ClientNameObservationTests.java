package ai.bctrl.operations;

import java.time.Duration;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;

/**
 * The {@code bctrl.client} key of {@code bctrl.client.requests}: the name of the client
 * that made the call, kept by the clients derived from it.
 */
class ClientNameObservationTests {

	private final MockWebServer server = WireTestSupport.startServer();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void defaultClientIsNamedDefault() {
		this.server.enqueue(operation("op_1", OperationStatus.RUNNING));
		client(OperationsClient.builder(settings(WireTestSupport.baseUrl(this.server)).build())).get("op_1")
			.block(BLOCK);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultOperationsObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("bctrl.client", "default");
	}

	@Test
	void derivedClientKeepsTheNameOfItsParent() {
		this.server.enqueue(operation("op_1", OperationStatus.RUNNING));
		client(OperationsClient.builder(settings(WireTestSupport.baseUrl(this.server)).build()).name("eu"))
			.withOptions(CallOptions.builder().deadline(Duration.ofSeconds(2)).build())
			.get("op_1")
			.block(BLOCK);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultOperationsObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("bctrl.client", "eu")
			.hasLowCardinalityKeyValue("bctrl.operation", "get");
	}

	private OperationsClient client(OperationsClient.Builder builder) {
		return builder.observationRegistry(this.registry).build();
	}

}
