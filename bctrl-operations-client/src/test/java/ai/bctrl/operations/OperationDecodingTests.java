package ai.bctrl.operations;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.MINIMAL_OPERATION;
import static ai.bctrl.operations.WireTestSupport.fixture;
import static ai.bctrl.operations.WireTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * How operation bodies decode: every field of a fully populated operation, every status
 * and runtime kind, and the lenient rules (unknown values, unknown fields, timestamps).
 */
class OperationDecodingTests {

	private static final String FULL = "operation-full.json";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private MockWebServer server;

	private OperationsClient client;

	@BeforeEach
	void startServer() {
		this.server = WireTestSupport.startServer();
		this.client = WireTestSupport.client(this.server);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void fullyPopulatedOperationDecodesFieldForField() {
		Operation operation = get(fixture(FULL));
		assertThat(operation.id()).isEqualTo("3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b");
		assertThat(operation.workspaceId()).isEqualTo("9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d");
		assertThat(operation.runtimeId()).isEqualTo("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
		assertThat(operation.runtime()).isEqualTo("chromium-134");
		assertThat(operation.runtimeKind()).isEqualTo(RuntimeKind.BROWSER);
		assertThat(operation.status()).isEqualTo(OperationStatus.FAILED);
		assertThat(operation.currentCall()).isEqualTo("page.click");
		assertThat(operation.createdAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
		assertThat(operation.startedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:01.250Z"));
		assertThat(operation.finishedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:09.123456789Z"));
		assertThat(operation.cancelRequestedAt()).isNull();
		assertThat(operation.lastHeartbeatAt()).isEqualTo(Instant.parse("2024-05-01T10:00:08Z"));
		assertThat(operation.progress())
			.isEqualTo(new OperationProgress("page.click", "step.failed", "Step 2 of 3 failed", 2, 3));
		assertThat(operation.error().code()).isEqualTo("step.failed");
		assertThat(operation.error().message()).isEqualTo("Step 1 (page.click) failed");
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("step", 1);
		details.put("retryable", false);
		details.put("ratio", 0.75);
		details.put("refs", List.of("e41", "e43"));
		details.put("cause", Map.of("code", "UNKNOWN_REF", "context",
				Map.of("frames", List.of(Map.of("url", "https://example.com/login", "depth", 0)))));
		details.put("note", null);
		assertThat(operation.error().details()).isEqualTo(details);
		assertThat(operation.error().details().keySet()).containsExactlyElementsOf(details.keySet());
		OperationResult result = operation.result();
		assertThat(result.mode()).isEqualTo("fail-fast");
		assertThat(result.ok()).isFalse();
		assertThat(result.runtime()).isEqualTo("chromium-134");
		assertThat(result.steps()).hasSize(2);
	}

	@Test
	void succeededStepDecodesFieldForField() {
		Step step = get(fixture(FULL)).result().steps().get(0);
		assertThat(step).isInstanceOf(Step.Succeeded.class);
		Step.Succeeded succeeded = (Step.Succeeded) step;
		assertThat(succeeded.call()).isEqualTo("page.goto");
		assertThat(succeeded.index()).isZero();
		assertThat(succeeded.ok()).isTrue();
		assertThat(succeeded.binding()).isEqualTo(new Binding("main", "page-17", "page"));
		assertThat(succeeded.resolved()).isEqualTo(new Resolved("page.goto", "Page.navigate",
				"https://example.com/login", "session-8", "ctx-4", "page-17", null, null));
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("url", "https://example.com/login");
		expected.put("status", 200);
		expected.put("timings", List.of(12.5, 40, 3));
		expected.put("redirected", false);
		expected.put("headers", Map.of("content-type", "text/html"));
		expected.put("cookie", null);
		assertThat(succeeded.result()).isEqualTo(expected);
	}

	@Test
	void failedStepDecodesFieldForFieldWithDiagnosticAndFixes() {
		Step step = get(fixture(FULL)).result().steps().get(1);
		assertThat(step).isInstanceOf(Step.Failed.class);
		Step.Failed failed = (Step.Failed) step;
		assertThat(failed.call()).isEqualTo("page.click");
		assertThat(failed.index()).isEqualTo(1);
		assertThat(failed.ok()).isFalse();
		StepError error = failed.error();
		assertThat(error.code()).isEqualTo(StepErrorCode.UNKNOWN_REF);
		assertThat(error.message()).isEqualTo("No element matches ref 'e42'");
		assertThat(error.hint()).isEqualTo("Take a fresh snapshot before clicking");
		assertThat(error.diagnostic()).isEqualTo(new Diagnostic("diag-1", "ref.not_found", "semantic", "page.click",
				"playwright", "a ref from the latest snapshot", "e42", List.of("e41", "e43"),
				List.of(new DiagnosticFix("Refresh the snapshot", "page.snapshot", "page.snapshot({})"),
						new DiagnosticFix("Use a CSS selector instead", null, null)),
				"https://docs.bctrl.ai/errors/unknown-ref"));
	}

	@Test
	void stepWithNullErrorIsSucceeded() {
		ObjectNode body = fullFixture();
		ObjectNode step = (ObjectNode) body.at("/result/steps/0");
		step.putNull("error");
		assertThat(get(body.toString()).result().steps().get(0)).isInstanceOf(Step.Succeeded.class);
	}

	@Test
	void untypedJsonDecodesToPlainJavaValues() {
		Operation operation = get(fixture(FULL));
		List<Object> values = new ArrayList<>();
		collect(((Step.Succeeded) operation.result().steps().get(0)).result(), values);
		collect(operation.error().details(), values);
		assertThat(values).isNotEmpty()
			.allSatisfy((value) -> assertThat(value).isInstanceOfAny(Map.class, List.class, String.class, Number.class,
					Boolean.class))
			.noneMatch((value) -> value.getClass().getName().startsWith("tools.jackson"));
	}

	private static void collect(Object value, List<Object> values) {
		if (value == null) {
			return;
		}
		values.add(value);
		if (value instanceof Map<?, ?> map) {
			map.values().forEach((child) -> collect(child, values));
		}
		else if (value instanceof Collection<?> list) {
			list.forEach((child) -> collect(child, values));
		}
	}

	@ParameterizedTest
	@CsvSource({ "queued, QUEUED", "dispatching, DISPATCHING", "running, RUNNING", "cancelling, CANCELLING",
			"succeeded, SUCCEEDED", "failed, FAILED", "cancelled, CANCELLED", "timed_out, TIMED_OUT" })
	void everyStatusDecodes(String wireValue, OperationStatus status) {
		assertThat(get(withField("status", wireValue)).status()).isEqualTo(status);
		assertThat(status.wireValue()).isEqualTo(wireValue);
	}

	@ParameterizedTest
	@CsvSource({ "browser, BROWSER", "desktop, DESKTOP", "spreadsheet, SPREADSHEET" })
	void everyRuntimeKindDecodes(String wireValue, RuntimeKind kind) {
		assertThat(get(withField("runtimeKind", wireValue)).runtimeKind()).isEqualTo(kind);
		assertThat(kind.wireValue()).isEqualTo(wireValue);
	}

	@ParameterizedTest
	@ValueSource(strings = { "paused", "archived", "", "timed out", "42" })
	void unknownStatusDecodesToUnknown(String wireValue) {
		assertThat(get(withField("status", wireValue)).status()).isEqualTo(OperationStatus.UNKNOWN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "mobile", "vm", "" })
	void unknownRuntimeKindDecodesToUnknown(String wireValue) {
		assertThat(get(withField("runtimeKind", wireValue)).runtimeKind()).isEqualTo(RuntimeKind.UNKNOWN);
	}

	@Test
	void unknownStepErrorCodeDecodesToUnknown() {
		ObjectNode body = fullFixture();
		((ObjectNode) body.at("/result/steps/1/error")).put("code", "QUOTA_EXCEEDED");
		Step.Failed failed = (Step.Failed) get(body.toString()).result().steps().get(1);
		assertThat(failed.error().code()).isEqualTo(StepErrorCode.UNKNOWN);
		assertThat(failed.error().message()).isEqualTo("No element matches ref 'e42'");
	}

	@Test
	void fiftyUnknownNestedFieldsAreIgnored() {
		Operation expected = get(fixture(FULL));
		ObjectNode body = fullFixture();
		// Typed objects only: inside result/details unknown keys are data, not unknown
		// fields.
		List<ObjectNode> targets = List.of(body, (ObjectNode) body.get("progress"), (ObjectNode) body.get("result"),
				(ObjectNode) body.at("/result/steps/0"), (ObjectNode) body.at("/result/steps/0/binding"),
				(ObjectNode) body.at("/result/steps/0/resolved"), (ObjectNode) body.at("/result/steps/1"),
				(ObjectNode) body.at("/result/steps/1/error"), (ObjectNode) body.at("/result/steps/1/error/diagnostic"),
				(ObjectNode) body.at("/result/steps/1/error/diagnostic/fixes/0"),
				(ObjectNode) body.at("/result/steps/1/error/diagnostic/fixes/1"), (ObjectNode) body.get("error"));
		List<String> names = new ArrayList<>(List.of("created_at", "Status", "workspace_id", "ID", "steps_total",
				"runtime_kind", "error_code", "@type", "", "x-extension"));
		for (int i = 0; i < 50; i++) {
			String name = (i < names.size()) ? names.get(i) : "unknownField" + i;
			targets.get(i % targets.size()).set(name, unknownValue(i));
		}
		assertThat(body.toString()).contains("unknownField49");
		assertThat(get(body.toString())).isEqualTo(expected);
	}

	private static JsonNode unknownValue(int i) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return switch (i % 7) {
			case 0 -> nodes.stringNode("surprise " + i);
			case 1 -> nodes.numberNode(i * 1.5);
			case 2 -> nodes.booleanNode(true);
			case 3 -> nodes.nullNode();
			case 4 -> {
				ArrayNode array = nodes.arrayNode();
				array.add(1).add("two").addObject().put("status", "garbage").putArray("deeper").add(false);
				yield array;
			}
			case 5 -> {
				ObjectNode object = nodes.objectNode();
				object.putObject("level1").putObject("level2").putObject("level3").put("createdAt", "not a date");
				yield object;
			}
			default -> nodes.numberNode(new BigInteger("123456789012345678901234567890"));
		};
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "\"yesterday\"", "\"2024-05-01 10:00:00\"", "\"2024-05-01\"", "\"10:00:00\"",
			"\"2024-13-45T99:00:00Z\"", "\"Wed, 01 May 2024 10:00:00 GMT\"", "\"\"", "1714557600", "1714557600123.5",
			"true", "{\"epochSecond\":1714557600}", "[2024,5,1]" })
	void timestampThatIsNotIsoDecodesToNullAndTheCallSucceeds(String value) {
		ObjectNode body = (ObjectNode) this.jsonMapper.readTree(MINIMAL_OPERATION);
		body.set("createdAt", this.jsonMapper.readTree(value));
		body.set("lastHeartbeatAt", this.jsonMapper.readTree(value));
		Operation operation = get(body.toString());
		assertThat(operation.createdAt()).isNull();
		assertThat(operation.lastHeartbeatAt()).isNull();
		assertThat(operation.cancelRequestedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:05Z"));
		assertThat(operation.id()).isEqualTo("op-1");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource({ "2024-05-01T10:00:00Z, 2024-05-01T10:00:00Z", "2024-05-01T12:00:00+02:00, 2024-05-01T10:00:00Z",
			"2024-05-01T05:30:00-04:30, 2024-05-01T10:00:00Z", "2024-05-01T10:00:00.5Z, 2024-05-01T10:00:00.500Z",
			"2024-05-01T10:00:00, 2024-05-01T10:00:00Z", "2024-05-01T10:00Z, 2024-05-01T10:00:00Z" })
	void isoTimestampsDecodeWithOrWithoutOffset(String wireValue, Instant expected) {
		assertThat(get(withField("createdAt", wireValue)).createdAt()).isEqualTo(expected);
	}

	@Test
	void absentOptionalFieldsDecodeToNull() {
		Operation operation = get(MINIMAL_OPERATION);
		assertThat(operation)
			.extracting(Operation::currentCall, Operation::progress, Operation::result, Operation::error,
					Operation::startedAt, Operation::finishedAt, Operation::lastHeartbeatAt)
			.containsOnlyNulls();
		assertThat(operation).extracting(Operation::createdAt, type(Instant.class))
			.isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
	}

	private Operation get(String body) {
		this.server.enqueue(json(body));
		return this.client.get("op-1").block(BLOCK);
	}

	private ObjectNode fullFixture() {
		return (ObjectNode) this.jsonMapper.readTree(fixture(FULL));
	}

	private String withField(String name, String value) {
		ObjectNode body = (ObjectNode) this.jsonMapper.readTree(MINIMAL_OPERATION);
		body.put(name, value);
		return body.toString();
	}

}
