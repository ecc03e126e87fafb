package ai.bctrl.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Generates response bodies from the project's OpenAPI document by walking the schema
 * ({@code $ref}, {@code required}, {@code type: [x, 'null']}, {@code oneOf} with a null
 * branch, {@code enum}, arrays, free-form values), so that every optional field is
 * absent, every nullable field is null and every enum value is used in at least one
 * fixture.
 *
 * <p>
 * The document is read from the project's copy ({@link #DOCUMENT}), never from outside
 * the project.
 */
final class OpenApiFixtures {

	/**
	 * The project's copy of the contract: {@code ../api/} from the module directory
	 * (where Maven runs tests), or {@code api/} when tests run from the project
	 * directory.
	 */
	static final Path DOCUMENT = Files.exists(Path.of("..", "api", "operations-cancel.openapi.yaml"))
			? Path.of("..", "api", "operations-cancel.openapi.yaml") : Path.of("api", "operations-cancel.openapi.yaml");

	private static final String REF_PREFIX = "#/components/schemas/";

	private static final String TIMESTAMP = "2024-05-01T10:00:00Z";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final JsonNode document;

	private final JsonNode schemas;

	/** Enum values used so far, as {@code Schema:value}. */
	private final Set<String> usedEnumValues = new LinkedHashSet<>();

	/** Nullable properties set to null so far, as {@code Schema.property}. */
	private final Set<String> nulledProperties = new LinkedHashSet<>();

	/** Optional properties left out so far, as {@code Schema.property}. */
	private final Set<String> omittedProperties = new LinkedHashSet<>();

	private OpenApiFixtures(JsonNode document) {
		this.document = document;
		this.schemas = document.required("components").required("schemas");
	}

	static OpenApiFixtures load() {
		try {
			String yaml = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
			return new OpenApiFixtures(new YAMLMapper().readTree(yaml));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath().normalize(), ex);
		}
	}

	/**
	 * The schema of the 200 response of the cancel endpoint, as a component name.
	 */
	String responseSchemaName() {
		JsonNode schema = this.document.at("/paths/~1v1~1operations~1{id}~1cancel/post/responses/200/content")
			.required("application/json")
			.required("schema");
		return refName(schema);
	}

	/**
	 * Every fixture for a schema: all optional fields absent; the optional fields of one
	 * object schema absent at a time; all nullables null; one nullable null at a time;
	 * and fully populated fixtures that together use every enum value.
	 */
	List<Fixture> fixtures(String rootSchema) {
		List<Fixture> fixtures = new ArrayList<>();
		fixtures
			.add(fixture("every optional field absent", (schema) -> true, (schema, property) -> false, 0, rootSchema));
		for (String name : objectSchemaNames()) {
			fixtures.add(fixture("optional fields of " + name + " absent", name::equals, (schema, property) -> false, 0,
					rootSchema));
		}
		fixtures.add(fixture("every nullable null", (schema) -> false, (schema, property) -> true, 0, rootSchema));
		for (String nullable : nullableProperties()) {
			fixtures.add(fixture(nullable + " null", (schema) -> false,
					(schema, property) -> nullable.equals(schema + "." + property), 0, rootSchema));
		}
		for (int i = 0; i < largestEnumSize(); i++) {
			fixtures.add(fixture("enum values #" + i, (schema) -> false, (schema, property) -> false, i, rootSchema));
		}
		return fixtures;
	}

	/** Every enum value of the document, as {@code Schema:value}. */
	Set<String> allEnumValues() {
		Set<String> values = new LinkedHashSet<>();
		this.schemas.properties().forEach((entry) -> {
			for (JsonNode value : entry.getValue().path("enum")) {
				values.add(entry.getKey() + ":" + value.asString());
			}
		});
		return values;
	}

	/** Every nullable property of the document, as {@code Schema.property}. */
	Set<String> nullableProperties() {
		Set<String> nullable = new LinkedHashSet<>();
		forEachProperty((schema, property, propertySchema) -> {
			if (isNullable(propertySchema)) {
				nullable.add(schema + "." + property);
			}
		});
		return nullable;
	}

	/** Every optional property of the document, as {@code Schema.property}. */
	Set<String> optionalProperties() {
		Set<String> optional = new LinkedHashSet<>();
		forEachProperty((schema, property, propertySchema) -> {
			if (!isRequired(this.schemas.get(schema), property)) {
				optional.add(schema + "." + property);
			}
		});
		return optional;
	}

	Set<String> usedEnumValues() {
		return this.usedEnumValues;
	}

	Set<String> nulledProperties() {
		return this.nulledProperties;
	}

	Set<String> omittedProperties() {
		return this.omittedProperties;
	}

	private Fixture fixture(String name, Predicate<String> requiredOnly, BiPredicate<String, String> makeNull,
			int enumIndex, String rootSchema) {
		Variant variant = new Variant(requiredOnly, makeNull, enumIndex);
		return new Fixture(name, generate(this.schemas.required(rootSchema), rootSchema, "", variant));
	}

	private JsonNode generate(JsonNode schema, String schemaName, String path, Variant variant) {
		if (schema.has("$ref")) {
			String name = refName(schema);
			return generate(this.schemas.required(name), name, path, variant);
		}
		if (schema.has("oneOf")) {
			List<JsonNode> branches = nonNullBranches(schema);
			return generate(branches.get(variant.enumIndex % branches.size()), schemaName, path, variant);
		}
		if (schema.has("enum")) {
			List<JsonNode> values = new ArrayList<>();
			schema.get("enum").forEach(values::add);
			JsonNode value = values.get(variant.enumIndex % values.size());
			this.usedEnumValues.add(schemaName + ":" + value.asString());
			return value;
		}
		String type = baseType(schema);
		if (type == null) {
			return anyValue();
		}
		return switch (type) {
			case "object" -> object(schema, schemaName, path, variant);
			case "array" -> array(schema, schemaName, path, variant);
			case "string" -> string(schema, path);
			case "integer" -> nodes.numberNode(Math.abs(path.hashCode() % 100));
			case "number" -> nodes.numberNode(2.5);
			case "boolean" -> nodes.booleanNode(variant.enumIndex % 2 == 0);
			default -> throw new IllegalStateException("schema type '" + type + "' at " + path + " is not supported");
		};
	}

	private ObjectNode object(JsonNode schema, String schemaName, String path, Variant variant) {
		ObjectNode object = nodes.objectNode();
		boolean requiredOnly = variant.requiredOnly.test(schemaName);
		schema.path("properties").properties().forEach((entry) -> {
			String property = entry.getKey();
			JsonNode propertySchema = entry.getValue();
			if (requiredOnly && !isRequired(schema, property)) {
				this.omittedProperties.add(schemaName + "." + property);
				return;
			}
			if (isNullable(propertySchema) && variant.makeNull.test(schemaName, property)) {
				this.nulledProperties.add(schemaName + "." + property);
				object.putNull(property);
				return;
			}
			object.set(property, generate(propertySchema, schemaName, path + "/" + property, variant));
		});
		JsonNode additional = schema.get("additionalProperties");
		if (additional != null && additional.isObject() && !requiredOnly) {
			object.set("additionalKey", generate(additional, schemaName, path + "/additionalKey", variant));
		}
		return object;
	}

	private ArrayNode array(JsonNode schema, String schemaName, String path, Variant variant) {
		ArrayNode array = nodes.arrayNode();
		JsonNode items = schema.required("items");
		JsonNode resolved = items.has("$ref") ? this.schemas.required(refName(items)) : items;
		if (resolved.has("oneOf")) {
			// One element per branch, so a list shows every shape the schema allows.
			String owner = items.has("$ref") ? refName(items) : schemaName;
			for (JsonNode branch : nonNullBranches(resolved)) {
				array.add(generate(branch, owner, path + "/" + array.size(), variant));
			}
		}
		else {
			array.add(generate(items, schemaName, path + "/0", variant));
		}
		return array;
	}

	private JsonNode string(JsonNode schema, String path) {
		String format = schema.path("format").asString("");
		String property = path.substring(path.lastIndexOf('/') + 1);
		if (format.equals("uuid")) {
			return nodes.stringNode(UUID.nameUUIDFromBytes(path.getBytes(StandardCharsets.UTF_8)).toString());
		}
		if (format.equals("uri")) {
			return nodes.stringNode("https://docs.example.com" + path.toLowerCase(Locale.ROOT));
		}
		if (format.equals("date-time") || property.endsWith("At")) {
			return nodes.stringNode(TIMESTAMP);
		}
		return nodes.stringNode(property + " at " + path);
	}

	/** A value for a schema without a type ("Any type"): a bit of every JSON kind. */
	private static JsonNode anyValue() {
		ObjectNode value = nodes.objectNode();
		value.put("text", "any");
		value.put("count", 3);
		value.put("ratio", 0.5);
		value.put("flag", true);
		value.putNull("nothing");
		ArrayNode list = value.putArray("list");
		list.add(1).add("two").addObject().put("three", 3);
		return value;
	}

	private List<JsonNode> nonNullBranches(JsonNode oneOf) {
		List<JsonNode> branches = new ArrayList<>();
		for (JsonNode branch : oneOf.required("oneOf")) {
			if (!"null".equals(branch.path("type").asString(""))) {
				branches.add(branch);
			}
		}
		return branches;
	}

	/**
	 * Whether a property schema admits null: {@code type: [x, 'null']}, a {@code oneOf}
	 * with a null branch, or no type at all ("Any type").
	 */
	private boolean isNullable(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type != null && type.isArray()) {
			for (JsonNode each : type) {
				if (each.asString().equals("null")) {
					return true;
				}
			}
			return false;
		}
		if (schema.has("oneOf")) {
			return nonNullBranches(schema).size() < schema.get("oneOf").size();
		}
		return type == null && !schema.has("$ref") && !schema.has("enum");
	}

	private static boolean isRequired(JsonNode objectSchema, String property) {
		for (JsonNode required : objectSchema.path("required")) {
			if (required.asString().equals(property)) {
				return true;
			}
		}
		return false;
	}

	private static String baseType(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type == null) {
			return null;
		}
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!each.asString().equals("null")) {
					return each.asString();
				}
			}
			return "null";
		}
		return type.asString();
	}

	private List<String> objectSchemaNames() {
		List<String> names = new ArrayList<>();
		this.schemas.properties().forEach((entry) -> {
			if (entry.getValue().has("properties")) {
				names.add(entry.getKey());
			}
		});
		return names;
	}

	private int largestEnumSize() {
		int largest = 1;
		for (JsonNode schema : this.schemas.values()) {
			largest = Math.max(largest, schema.path("enum").size());
			largest = Math.max(largest, schema.path("oneOf").size());
		}
		return largest;
	}

	private void forEachProperty(PropertyVisitor visitor) {
		this.schemas.properties()
			.forEach((schema) -> schema.getValue()
				.path("properties")
				.properties()
				.forEach((property) -> visitor.visit(schema.getKey(), property.getKey(), property.getValue())));
	}

	private static String refName(JsonNode schema) {
		String ref = schema.required("$ref").asString();
		if (!ref.startsWith(REF_PREFIX)) {
			throw new IllegalStateException("only local component references are supported, not " + ref);
		}
		return ref.substring(REF_PREFIX.length());
	}

	/**
	 * One generated body.
	 *
	 * @param name what the fixture shows
	 * @param body the JSON body
	 */
	record Fixture(String name, JsonNode body) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	private record Variant(Predicate<String> requiredOnly, BiPredicate<String, String> makeNull, int enumIndex) {

	}

	@FunctionalInterface
	private interface PropertyVisitor {

		void visit(String schema, String property, JsonNode propertySchema);

	}

}
