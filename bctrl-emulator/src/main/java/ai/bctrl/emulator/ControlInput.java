package ai.bctrl.emulator;

import java.util.Iterator;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The JSON object body of a control request, read strictly: a field not listed for the
 * request, or a value of the wrong type or out of range, is refused with a message that
 * names the field as the control API spells it.
 */
final class ControlInput {

	private final JsonNode body;

	private ControlInput(JsonNode body) {
		this.body = body;
	}

	/**
	 * Parse a body; an empty body is an empty object.
	 * @throws IllegalArgumentException if the body is not a JSON object or has a field
	 * that is not allowed
	 * @throws tools.jackson.core.JacksonException if it is not well-formed JSON
	 */
	static ControlInput parse(String body, Set<String> allowed) {
		JsonNode node = Json.read(body.isBlank() ? "{}" : body);
		if (!node.isObject()) {
			throw new IllegalArgumentException("Request body must be a JSON object");
		}
		ControlInput input = new ControlInput(node);
		input.allowOnly(allowed);
		return input;
	}

	/**
	 * Refuse any field outside the given names, such as a misspelt one.
	 */
	ControlInput allowOnly(Set<String> allowed) {
		Iterator<String> names = this.body.propertyNames().iterator();
		while (names.hasNext()) {
			String name = names.next();
			if (!allowed.contains(name)) {
				throw new IllegalArgumentException("Unknown field '" + name + "'; expected "
						+ String.join(", ", allowed.stream().sorted().toList()));
			}
		}
		return this;
	}

	boolean has(String field) {
		return this.body.has(field) && !this.body.get(field).isNull();
	}

	String text(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || !value.isString()) {
			throw new IllegalArgumentException(field + " must be a string but was " + value);
		}
		return value.asString();
	}

	/**
	 * A whole number within a range, both ends included.
	 */
	int integer(String field, int min, int max) {
		JsonNode value = this.body.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
				|| value.longValue() > max) {
			throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max
					+ " but was " + ((value != null) ? value : "missing"));
		}
		return value.intValue();
	}

	/** A whole number of milliseconds, zero or more. */
	long millis(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
			throw new IllegalArgumentException(field + " must be ≥ 0 (a whole number of milliseconds) but was "
					+ ((value != null) ? value : "missing"));
		}
		return value.longValue();
	}

	double number(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || !value.isNumber()) {
			throw new IllegalArgumentException(field + " must be a number but was " + value);
		}
		return value.doubleValue();
	}

	boolean bool(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || !value.isBoolean()) {
			throw new IllegalArgumentException(field + " must be true or false but was " + value);
		}
		return value.booleanValue();
	}

	/**
	 * An operation status by its wire value, one of the given states.
	 */
	OperationState state(String field, Set<OperationState> accepted) {
		String value = text(field);
		for (OperationState state : accepted) {
			if (state.wireValue().equalsIgnoreCase(value)) {
				return state;
			}
		}
		throw new IllegalArgumentException(field + " must be one of "
				+ String.join(", ", accepted.stream().sorted().map(OperationState::wireValue).toList()) + " but was '"
				+ value + "'");
	}

	/**
	 * {@code Retry-After} as a JSON number of seconds, or a string of digits or an
	 * HTTP-date.
	 */
	String retryAfter(String field) {
		JsonNode value = this.body.get(field);
		if (value.isIntegralNumber()) {
			if (!value.canConvertToLong() || value.longValue() < 0) {
				throw new IllegalArgumentException(field + " must be ≥ 0 seconds but was " + value);
			}
			return Long.toString(value.longValue());
		}
		String text = text(field);
		RetryAfter.check(field, text);
		return text;
	}

}
