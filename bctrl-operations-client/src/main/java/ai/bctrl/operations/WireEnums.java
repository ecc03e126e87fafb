package ai.bctrl.operations;

import java.util.Locale;

/**
 * Decodes wire enum values ({@code timed_out}, {@code fail-fast}, {@code UNKNOWN_CALL})
 * to constants, falling back to an {@code UNKNOWN} constant instead of failing.
 */
final class WireEnums {

	private WireEnums() {
	}

	static <E extends Enum<E>> E decode(Class<E> type, String value, E fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		String name = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
		try {
			return Enum.valueOf(type, name);
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

}
