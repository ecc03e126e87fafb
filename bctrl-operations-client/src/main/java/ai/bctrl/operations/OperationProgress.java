package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * Progress report of a running {@link Operation}.
 *
 * @param currentCall call being executed, or {@code null}
 * @param lastEventType type of the last event, or {@code null}
 * @param message human-readable progress message, or {@code null}
 * @param step current step number, or {@code null}
 * @param totalSteps total number of steps, or {@code null}
 */
public record OperationProgress(@Nullable String currentCall, @Nullable String lastEventType, @Nullable String message,
		@Nullable Integer step, @Nullable Integer totalSteps) {

}
