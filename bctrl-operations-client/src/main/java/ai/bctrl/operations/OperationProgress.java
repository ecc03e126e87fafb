package ai.bctrl.operations;

/**
 * Progress report of a running {@link Operation}.
 *
 * @param currentCall call being executed, or {@code null}
 * @param lastEventType type of the last event, or {@code null}
 * @param message human-readable progress message, or {@code null}
 * @param step current step number, or {@code null}
 * @param totalSteps total number of steps, or {@code null}
 */
public record OperationProgress(String currentCall, String lastEventType, String message, Integer step,
		Integer totalSteps) {

}
