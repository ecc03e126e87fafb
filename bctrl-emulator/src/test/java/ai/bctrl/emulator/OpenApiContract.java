package ai.bctrl.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates bodies against the project's copy of the OpenAPI document
 * ({@code api/operations-cancel.openapi.yaml}, read from the repository so a change to it
 * is checked at once) and error bodies against {@code error.schema.json}, the shape of
 * {@code api/reference-notes.md}. OpenAPI 3.1 schemas are JSON Schema 2020-12; formats
 * ({@code uuid}, {@code uri}) are asserted.
 */
final class OpenApiContract {

	static final Path OPENAPI = Path.of("../api/operations-cancel.openapi.yaml");

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private static final JsonNode COMPONENTS = readComponents();

	static final OpenApiContract OPERATION = new OpenApiContract(componentSchema(COMPONENTS, "Operation"));

	/**
	 * {@link #OPERATION} with no properties beyond those the document declares, so the
	 * emulator cannot invent fields a client might come to rely on.
	 */
	static final OpenApiContract STRICT_OPERATION = new OpenApiContract(
			componentSchema(strict(COMPONENTS), "Operation"));

	/** The wait response: the operation wrapped under {@code "operation"}. */
	static final OpenApiContract WAIT_RESPONSE = new OpenApiContract(waitResponseSchema());

	static final OpenApiContract ERROR = new OpenApiContract(errorSchema());

	private final Schema schema;

	private OpenApiContract(Schema schema) {
		this.schema = schema;
	}

	List<Error> validate(JsonNode body) {
		return this.schema.validate(body);
	}

	void assertValid(JsonNode body) {
		assertThat(validate(body)).as("schema violations of %s", body).isEmpty();
	}

	private static JsonNode readComponents() {
		assertThat(OPENAPI).as("the project's OpenAPI document").isRegularFile();
		JsonNode document = YAMLMapper.builder().build().readTree(OPENAPI.toFile());
		return document.get("components");
	}

	private static JsonNode strict(JsonNode components) {
		JsonNode copy = components.deepCopy();
		for (JsonNode schema : copy.get("schemas")) {
			if (schema.has("properties")) {
				((ObjectNode) schema).put("additionalProperties", false);
			}
		}
		return copy;
	}

	private static ObjectNode document(JsonNode components) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		root.set("components", components);
		return root;
	}

	private static Schema componentSchema(JsonNode components, String name) {
		ObjectNode root = document(components);
		root.put("$ref", "#/components/schemas/" + name);
		return REGISTRY.getSchema(root);
	}

	private static Schema waitResponseSchema() {
		ObjectNode root = document(COMPONENTS);
		root.put("type", "object");
		root.putArray("required").add("operation");
		root.putObject("properties").putObject("operation").put("$ref", "#/components/schemas/Operation");
		root.put("additionalProperties", false);
		return REGISTRY.getSchema(root);
	}

	private static Schema errorSchema() {
		try (InputStream in = OpenApiContract.class.getResourceAsStream("/error.schema.json")) {
			return REGISTRY.getSchema(JsonMapper.builder().build().readTree(in));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
