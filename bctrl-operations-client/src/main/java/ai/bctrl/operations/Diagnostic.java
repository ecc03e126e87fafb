package ai.bctrl.operations;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Detailed diagnostic of a {@link StepError}.
 *
 * @param id diagnostic id
 * @param code diagnostic code, or {@code null}
 * @param category category ({@code arg-shape}, {@code semantic}, {@code runtime}), or
 * {@code null}
 * @param call call concerned, or {@code null}
 * @param driver driver concerned, or {@code null}
 * @param expected what was expected, or {@code null}
 * @param received what was received, or {@code null}
 * @param closest closest valid alternatives, empty when absent
 * @param fixes suggested fixes, empty when absent
 * @param docsUrl link to documentation, or {@code null}
 */
public record Diagnostic(String id, @Nullable String code, @Nullable String category, @Nullable String call,
		@Nullable String driver, @Nullable String expected, @Nullable String received, List<String> closest,
		List<DiagnosticFix> fixes, @Nullable String docsUrl) {

	/**
	 * Create a diagnostic; {@code null} lists become empty lists.
	 * @param id diagnostic id
	 * @param code diagnostic code
	 * @param category category
	 * @param call call concerned
	 * @param driver driver concerned
	 * @param expected what was expected
	 * @param received what was received
	 * @param closest closest valid alternatives, or {@code null}
	 * @param fixes suggested fixes, or {@code null}
	 * @param docsUrl documentation link
	 */
	public Diagnostic {
		closest = (closest != null) ? List.copyOf(closest) : List.of();
		fixes = (fixes != null) ? List.copyOf(fixes) : List.of();
	}

}
