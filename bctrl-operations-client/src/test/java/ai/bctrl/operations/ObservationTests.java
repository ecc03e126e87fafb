package ai.bctrl.operations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each public call is one observation, named and keyed as documented, whatever its
 * outcome, and never keyed with an operation id (the keys become meter tags).
 */
class ObservationTests {

	private final MockWebServer server = WireTestSupport.startServer();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final OperationsClient client;

	ObservationTests() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				ObservationTests.this.stopped.add(context);
			}

		});
		this.client = OperationsClient.builder(WireTestSupport.settings(this.server).build())
			.observationRegistry(registry)
			.build();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void observesEachCallWithTheDocumentedKeyValues() {
		this.server.enqueue(operation("op-7f3a", OperationStatus.CANCELLING));
		this.server.enqueue(error(404));

		this.client.cancel("op-7f3a").block(BLOCK);
		assertThatExceptionOfType(OperationNotFoundException.class)
			.isThrownBy(() -> this.client.get("op-9c21").block(BLOCK));

		assertThat(this.stopped).extracting(Observation.Context::getName)
			.containsExactly(DefaultOperationsObservationConvention.NAME, DefaultOperationsObservationConvention.NAME);
		assertThat(lowCardinality(this.stopped.get(0))).containsExactlyInAnyOrder(
				KeyValue.of("bctrl.client", "default"), KeyValue.of("bctrl.operation", "cancel"),
				KeyValue.of("outcome", "SUCCESS"), KeyValue.of("status", "200"), KeyValue.of("exception", "none"),
				KeyValue.of("bctrl.operation.status", "cancelling"));
		assertThat(lowCardinality(this.stopped.get(1))).containsExactlyInAnyOrder(
				KeyValue.of("bctrl.client", "default"), KeyValue.of("bctrl.operation", "get"),
				KeyValue.of("outcome", "CLIENT_ERROR"), KeyValue.of("status", "404"),
				KeyValue.of("exception", "OperationNotFoundException"), KeyValue.of("bctrl.operation.status", "none"));
	}

	@Test
	void neverKeysAnObservationForMetersWithTheOperationId() {
		this.server.enqueue(operation("op-7f3a", OperationStatus.CANCELLING));
		this.server.enqueue(error(404));

		this.client.cancel("op-7f3a").block(BLOCK);
		assertThatExceptionOfType(OperationNotFoundException.class)
			.isThrownBy(() -> this.client.get("op-9c21").block(BLOCK));

		assertThat(this.stopped).hasSize(2)
			.flatMap(ObservationTests::lowCardinality)
			.extracting(KeyValue::getValue)
			.noneMatch((value) -> value.contains("op-7f3a") || value.contains("op-9c21"));
	}

	private static List<KeyValue> lowCardinality(Observation.Context context) {
		return context.getLowCardinalityKeyValues().stream().toList();
	}

}
