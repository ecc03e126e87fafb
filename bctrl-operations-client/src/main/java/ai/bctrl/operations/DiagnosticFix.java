package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * A suggested fix of a {@link Diagnostic}.
 *
 * @param title short title
 * @param command command that applies the fix, or {@code null}
 * @param example example, or {@code null}
 */
public record DiagnosticFix(String title, @Nullable String command, @Nullable String example) {

}
