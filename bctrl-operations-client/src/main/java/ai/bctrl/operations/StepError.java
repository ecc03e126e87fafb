package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * Why a {@link Step.Failed step} failed.
 *
 * @param code error code ({@link StepErrorCode#UNKNOWN} for codes this version does not
 * know)
 * @param message human-readable message
 * @param hint hint on how to fix it, or {@code null}
 * @param diagnostic detailed diagnostic, or {@code null}
 */
public record StepError(StepErrorCode code, String message, @Nullable String hint, @Nullable Diagnostic diagnostic) {

}
