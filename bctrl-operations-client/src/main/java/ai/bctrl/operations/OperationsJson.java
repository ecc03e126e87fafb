package ai.bctrl.operations;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The client's own JSON mapping, independent of any application-wide mapper: unknown
 * fields are ignored, unknown enum values become {@code UNKNOWN}, timestamps that are not
 * ISO-8601 become {@code null}, and steps are told apart by shape.
 */
final class OperationsJson {

	private final JsonMapper mapper;

	private final ObjectReader operationReader;

	OperationsJson() {
		SimpleModule module = new SimpleModule("bctrl-operations");
		module.addDeserializer(Instant.class, new LenientInstantDeserializer());
		module.addDeserializer(Step.class, new StepDeserializer());
		this.mapper = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
			.addModule(module)
			.build();
		this.operationReader = this.mapper.readerFor(Operation.class);
	}

	/**
	 * Decode an operation object.
	 * @throws JacksonException if the body is not a JSON operation
	 */
	Operation readOperation(byte[] body) {
		Operation operation = this.operationReader.readValue(body);
		requireOperation(operation);
		return operation;
	}

	/**
	 * Decode the wait response: {@code {"operation": {...}}}, or a bare operation object.
	 * @throws JacksonException if the body is neither
	 */
	Operation readAwaitResponse(byte[] body) {
		JsonNode tree = this.mapper.readTree(body);
		JsonNode wrapped = tree.get("operation");
		JsonNode operationNode = (wrapped != null && wrapped.isObject() && !tree.has("id")) ? wrapped : tree;
		Operation operation = this.operationReader.readValue(operationNode);
		requireOperation(operation);
		return operation;
	}

	private static void requireOperation(Operation operation) {
		if (operation == null || operation.id() == null || operation.status() == null) {
			throw new IllegalArgumentException("body is not an operation object (no id or status)");
		}
	}

	/**
	 * Decode an error body leniently; never fails.
	 * @return what the body says; every field {@code null} when it is not a known shape
	 */
	ErrorBody readErrorBody(byte[] body) {
		if (body.length == 0) {
			return ErrorBody.EMPTY;
		}
		JsonNode tree;
		try {
			tree = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			return ErrorBody.EMPTY;
		}
		if (tree == null || !tree.isObject()) {
			return ErrorBody.EMPTY;
		}
		JsonNode error = tree.get("error");
		JsonNode nested = (error != null && error.isObject()) ? error : tree;
		String message = text((error != null && error.isString()) ? error : nested.get("message"));
		String code = text(nested.get("code"), tree.get("code"));
		String requestId = text(tree.get("requestId"), nested.get("requestId"));
		String hint = text(tree.get("hint"), nested.get("hint"));
		JsonNode details = (nested.get("details") != null) ? nested.get("details") : tree.get("details");
		return new ErrorBody(message, code, requestId, hint, toMap(details));
	}

	private Map<String, Object> toMap(JsonNode node) {
		if (node == null || !node.isObject()) {
			return Map.of();
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = this.mapper.treeToValue(node, LinkedHashMap.class);
		return Collections.unmodifiableMap(map);
	}

	private static String text(JsonNode... candidates) {
		for (JsonNode candidate : candidates) {
			if (candidate != null && candidate.isValueNode() && !candidate.isNull()) {
				return candidate.asString();
			}
		}
		return null;
	}

	/**
	 * What an error body says.
	 */
	record ErrorBody(String message, String code, String requestId, String hint, Map<String, Object> details) {

		static final ErrorBody EMPTY = new ErrorBody(null, null, null, null, Map.of());

	}

	/**
	 * Timestamps are plain strings in the schema: decode ISO-8601 (with offset, or
	 * without one as UTC) and give {@code null} for anything else instead of failing the
	 * call.
	 */
	static final class LenientInstantDeserializer extends StdDeserializer<Instant> {

		LenientInstantDeserializer() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				parser.skipChildren();
				return null;
			}
			return parse(parser.getString());
		}

		static Instant parse(String text) {
			Instant canonical = CanonicalTimestamp.parse(text);
			if (canonical != null) {
				return canonical;
			}
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				// fall through to a date-time without offset
			}
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

	}

	/**
	 * The two step shapes of the schema's {@code oneOf}: a step with an {@code error} is
	 * failed, any other is succeeded.
	 */
	static final class StepDeserializer extends StdDeserializer<Step> {

		StepDeserializer() {
			super(Step.class);
		}

		@Override
		public Step deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			JsonNode error = node.get("error");
			Class<? extends Step> type = (error != null && !error.isNull()) ? Step.Failed.class : Step.Succeeded.class;
			return context.readTreeAsValue(node, type);
		}

	}

}
