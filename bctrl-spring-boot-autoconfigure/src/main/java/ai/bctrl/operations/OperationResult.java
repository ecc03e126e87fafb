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

}
