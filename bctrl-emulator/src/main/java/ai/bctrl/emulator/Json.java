package ai.bctrl.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's one JSON mapper, independent of any application settings.
 */
final class Json {

	// Sorted map keys make every body byte-for-byte reproducible.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private Json() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/**
	 * Parse a JSON document.
	 * @throws tools.jackson.core.JacksonException if it is not well-formed JSON
	 */
	static JsonNode read(String json) {
		return MAPPER.readTree(json);
	}

}
