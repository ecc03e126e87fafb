package ai.bctrl.operations;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Compares a JSON body with the model it decoded to, field by field, by walking both:
 * every JSON property must have a record component of the same name holding the same
 * value; absent or null JSON must give {@code null} (or an empty list or map, or a
 * primitive default); enums match their wire value and are never {@code UNKNOWN}; steps
 * have the type their shape says; free-form JSON must equal the plain Java values.
 */
final class DecodedModelAssertions {

	private static final JsonMapper plain = JsonMapper.builder().build();

	private DecodedModelAssertions() {
	}

	static void assertDecodedAs(JsonNode json, Object value) {
		compare(json, value, "$");
	}

	private static void compare(JsonNode json, Object value, String path) {
		if (json == null || json.isNull() || json.isMissingNode()) {
			assertAbsent(value, path);
			return;
		}
		if (value instanceof Step step) {
			boolean failed = json.hasNonNull("error");
			assertThat(step).as(path).isInstanceOf(failed ? Step.Failed.class : Step.Succeeded.class);
		}
		if (value instanceof Record record) {
			compareRecord(json, record, path);
		}
		else if (value instanceof Enum<?> constant) {
			assertThat(json.isString()).as("%s is a string", path).isTrue();
			assertThat(constant.name()).as(path)
				.isNotEqualTo("UNKNOWN")
				.isEqualTo(json.asString().replace('-', '_').toUpperCase(Locale.ROOT));
		}
		else if (value instanceof Instant instant) {
			assertThat(instant).as(path).isEqualTo(parseTimestamp(json.asString()));
		}
		else if (value instanceof Map<?, ?>) {
			assertThat(value).as(path).isEqualTo(plain.treeToValue(json, Object.class));
		}
		else if (value instanceof List<?> list) {
			assertThat(json.isArray()).as("%s is an array", path).isTrue();
			assertThat(list).as(path).hasSize(json.size());
			for (int i = 0; i < list.size(); i++) {
				compare(json.get(i), list.get(i), path + "[" + i + "]");
			}
		}
		else if (value instanceof String string) {
			assertThat(json.isString()).as("%s is a string", path).isTrue();
			assertThat(string).as(path).isEqualTo(json.asString());
		}
		else if (value instanceof Boolean bool) {
			assertThat(json.isBoolean()).as("%s is a boolean", path).isTrue();
			assertThat(bool).as(path).isEqualTo(json.asBoolean());
		}
		else if (value instanceof Number number) {
			assertThat(json.isNumber()).as("%s is a number", path).isTrue();
			assertThat(number.doubleValue()).as(path).isEqualTo(json.asDouble());
		}
		else {
			fail("%s: nothing decoded from %s (got %s)", path, json, value);
		}
	}

	private static void compareRecord(JsonNode json, Record record, String path) {
		assertThat(json.isObject()).as("%s is an object", path).isTrue();
		Set<String> components = new HashSet<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			components.add(component.getName());
			compare(json.get(component.getName()), read(component, record), path + "." + component.getName());
		}
		assertThat(components)
			.as("record components of %s at %s (every schema field must be in the model)",
					record.getClass().getSimpleName(), path)
			.containsAll(json.propertyNames());
	}

	private static void assertAbsent(Object value, String path) {
		if (value instanceof List<?> list) {
			assertThat(list).as(path).isEmpty();
		}
		else if (value instanceof Map<?, ?> map) {
			assertThat(map).as(path).isEmpty();
		}
		else if (value instanceof Boolean bool) {
			assertThat(bool).as(path).isFalse();
		}
		else if (value instanceof Integer number) {
			assertThat(number).as(path).isZero();
		}
		else {
			assertThat(value).as(path).isNull();
		}
	}

	private static Instant parseTimestamp(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
	}

	private static Object read(RecordComponent component, Record record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
