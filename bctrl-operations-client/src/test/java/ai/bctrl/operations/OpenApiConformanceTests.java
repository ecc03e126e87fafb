package ai.bctrl.operations;

import java.time.Duration;
import java.util.List;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ai.bctrl.operations.OpenApiFixtures.Fixture;

import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every body the OpenAPI schema allows decodes: fixtures generated from the project's
 * copy of the contract (every optional field absent, every nullable null, every enum
 * value), served over HTTP and compared field by field with what the client returns.
 */
class OpenApiConformanceTests {

	private static final OpenApiFixtures generator = OpenApiFixtures.load();

	private static final List<Fixture> fixtures = generator.fixtures(generator.responseSchemaName());

	private static MockWebServer server;

	private static OperationsClient client;

	@BeforeAll
	static void startServer() {
		server = WireTestSupport.startServer();
		client = WireTestSupport.client(server);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	static List<Fixture> fixtures() {
		return fixtures;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void generatedFixtureDecodesFieldForField(Fixture fixture) {
		server.enqueue(json(fixture.body().toString()));
		Operation operation = client.get("op-1").block(BLOCK);
		DecodedModelAssertions.assertDecodedAs(fixture.body(), operation);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void generatedFixtureDecodesWhenWrappedInTheWaitResponse(Fixture fixture) {
		server.enqueue(json("{\"operation\":" + fixture.body() + "}"));
		Operation operation = client.await("op-1", Duration.ofMillis(10)).block(BLOCK);
		DecodedModelAssertions.assertDecodedAs(fixture.body(), operation);
	}

	@Test
	void responseSchemaIsTheOperation() {
		assertThat(generator.responseSchemaName()).isEqualTo("Operation");
	}

	@Test
	void fixturesUseEveryEnumValueOfTheSchema() {
		assertThat(generator.allEnumValues()).contains("Status:timed_out", "StepErrorCode:SUBSCRIPTION_GONE");
		assertThat(generator.usedEnumValues()).containsAll(generator.allEnumValues());
	}

	@Test
	void fixturesSetEveryNullablePropertyToNull() {
		assertThat(generator.nullableProperties()).contains("Operation.error", "Resolved.contextId",
				"StepSucceeded.result");
		assertThat(generator.nulledProperties()).containsAll(generator.nullableProperties());
	}

	@Test
	void fixturesLeaveOutEveryOptionalProperty() {
		assertThat(generator.optionalProperties()).contains("Operation.progress", "Diagnostic.fixes",
				"StepSucceeded.binding");
		assertThat(generator.omittedProperties()).containsAll(generator.optionalProperties());
	}

}
