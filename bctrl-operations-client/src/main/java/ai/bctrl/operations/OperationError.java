package ai.bctrl.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Error of a failed {@link Operation}.
 *
 * @param code machine-readable error code, or {@code null}
 * @param message human-readable message
 * @param details additional details as plain Java values ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}), empty when absent
 */
public record OperationError(@Nullable String code, String message, Map<String, Object> details) {

	/**
	 * Create an error; {@code null} details become an empty map.
	 * @param code machine-readable error code, or {@code null}
	 * @param message human-readable message
	 * @param details additional details, or {@code null}
	 */
	public OperationError {
		details = (details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(details)) : Map.of();
	}

}
