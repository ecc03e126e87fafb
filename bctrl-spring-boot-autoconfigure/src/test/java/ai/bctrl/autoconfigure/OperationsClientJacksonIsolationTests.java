package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import ai.bctrl.operations.Binding;
import ai.bctrl.operations.Diagnostic;
import ai.bctrl.operations.DiagnosticFix;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationError;
import ai.bctrl.operations.OperationProgress;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.Resolved;
import ai.bctrl.operations.RuntimeKind;
import ai.bctrl.operations.Step;
import ai.bctrl.operations.StepErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that the application's global Jackson settings cannot break the client: with a
 * {@code spring.jackson.*} configuration hostile to the bctrl wire format, every response
 * still decodes completely.
 */
class OperationsClientJacksonIsolationTests {

	private static final Duration BLOCK = TestResponses.BLOCK;

	private static final String OPERATION = TestResponses.resource("ai/bctrl/autoconfigure/operation-full.json");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				WebClientAutoConfiguration.class, OperationsClientAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY,
				"spring.jackson.property-naming-strategy=SNAKE_CASE",
				"spring.jackson.deserialization.fail-on-unknown-properties=true",
				"spring.jackson.deserialization.fail-on-null-for-primitives=true",
				"spring.jackson.date-format=dd.MM.yyyy");

	@Test
	void globalMapperOfTheApplicationCannotReadTheWireFormat() {
		this.contextRunner.run((context) -> assertThatException()
			.isThrownBy(() -> context.getBean(JsonMapper.class).readValue(OPERATION, Operation.class)));
	}

	@Test
	void decodesEveryResponseWithItsOwnMapper() {
		this.server.enqueue(TestResponses.json(200, OPERATION));
		this.server.enqueue(TestResponses.json(200, OPERATION));
		this.server.enqueue(TestResponses.json(200, "{\"operation\":" + OPERATION + ",\"waitedMs\":12}"));
		this.contextRunner.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/"))
			.run((context) -> {
				OperationsClient client = context.getBean(OperationsClient.class);
				String id = "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b";
				assertFullOperation(client.cancel(id).block(BLOCK));
				assertFullOperation(client.get(id).block(BLOCK));
				assertFullOperation(client.await(id, Duration.ofMillis(100)).block(BLOCK));
			});
	}

	private static void assertFullOperation(Operation operation) {
		assertThat(operation.id()).isEqualTo("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b");
		assertThat(operation.workspaceId()).isEqualTo("9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d");
		assertThat(operation.runtimeId()).isEqualTo("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");
		assertThat(operation.runtime()).isEqualTo("browser-eu-1");
		assertThat(operation.runtimeKind()).isEqualTo(RuntimeKind.BROWSER);
		assertThat(operation.status()).isEqualTo(OperationStatus.FAILED);
		assertThat(operation.currentCall()).isEqualTo("page.click");
		assertThat(operation.progress())
			.isEqualTo(new OperationProgress("page.click", "step.finished", "2 of 3 steps done", 2, 3));
		assertThat(operation.error())
			.isEqualTo(new OperationError("step.failed", "Step 1 failed", Map.of("step", 1, "retryable", false)));
		assertThat(operation.createdAt()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
		assertThat(operation.startedAt()).isEqualTo(Instant.parse("2025-06-01T10:00:01.250Z"));
		assertThat(operation.finishedAt()).isEqualTo(Instant.parse("2025-06-01T08:00:05Z"));
		assertThat(operation.cancelRequestedAt()).isNull();
		assertThat(operation.lastHeartbeatAt()).isEqualTo(Instant.parse("2025-06-01T10:00:04.999Z"));
		assertThat(operation.result().mode()).isEqualTo("fail-fast");
		assertThat(operation.result().ok()).isFalse();
		assertThat(operation.result().runtime()).isEqualTo("browser-eu-1");
		List<Step> steps = operation.result().steps();
		assertThat(steps).hasSize(2);
		Step.Succeeded succeeded = (Step.Succeeded) steps.get(0);
		assertThat(succeeded.call()).isEqualTo("page.goto");
		assertThat(succeeded.index()).isZero();
		assertThat(succeeded.ok()).isTrue();
		assertThat(succeeded.binding()).isEqualTo(new Binding("main", "page-1", "page"));
		assertThat(succeeded.resolved())
			.isEqualTo(new Resolved("page.goto", "goto", "page", "session-1", "context-1", "page-1", null, null));
		assertThat(succeeded.result()).isEqualTo(
				Map.of("url", "https://example.com", "status", 200, "redirects", List.of("https://example.com/")));
		Step.Failed failed = (Step.Failed) steps.get(1);
		assertThat(failed.call()).isEqualTo("page.click");
		assertThat(failed.index()).isOne();
		assertThat(failed.ok()).isFalse();
		assertThat(failed.error().code()).isEqualTo(StepErrorCode.UNKNOWN_REF);
		assertThat(failed.error().message()).isEqualTo("No element matches ref e42");
		assertThat(failed.error().hint()).isEqualTo("Take a new snapshot");
		assertThat(failed.error().diagnostic()).isEqualTo(new Diagnostic("diag-1", "ref.unknown", "semantic",
				"page.click", "playwright", "a ref from the last snapshot", "e42", List.of("e41", "e43"),
				List.of(new DiagnosticFix("Snapshot again", "page.snapshot", "page.snapshot()")),
				"https://docs.bctrl.ai/refs"));
	}

}
