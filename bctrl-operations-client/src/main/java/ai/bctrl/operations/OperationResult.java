package ai.bctrl.operations;

import java.util.List;

/**
 * Result of a finished {@link Operation}.
 *
 * @param mode execution mode, for example {@code fail-fast}
 * @param ok whether every step succeeded
 * @param runtime name of the runtime that produced the result
 * @param steps the steps, in order
 */
public record OperationResult(String mode, boolean ok, String runtime, List<Step> steps) {

	/**
	 * Create a result; {@code null} steps become an empty list.
	 * @param mode execution mode
	 * @param ok whether every step succeeded
	 * @param runtime runtime name
	 * @param steps the steps, or {@code null}
	 */
	public OperationResult {
		steps = (steps != null) ? List.copyOf(steps) : List.of();
	}

}
