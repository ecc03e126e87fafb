package ai.bctrl.emulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/**
 * The JSON bodies of the API, written from this module's own model (never the client's),
 * field for field as in {@code api/operations-cancel.openapi.yaml}. Nullable fields of
 * the schema are written as {@code null}; optional, non-nullable ones are left out.
 */
final class Wire {

	private Wire() {
	}

	record Operation(String id, String workspaceId, String runtimeId, String runtime, String runtimeKind, String status,
			String currentCall, Progress progress, Result result, OperationError error, String createdAt,
			String startedAt, String finishedAt, String cancelRequestedAt, String lastHeartbeatAt) {
	}

	record WaitResponse(Operation operation) {
	}

	@JsonInclude(Include.NON_NULL)
	record Progress(String currentCall, String lastEventType, String message, Integer step, Integer totalSteps) {
	}

	record Result(String mode, boolean ok, String runtime, List<Step> steps) {
	}

	/** The two {@code oneOf} branches of {@code Step}. */
	sealed interface Step permits StepSucceeded, StepFailed {

	}

	record StepSucceeded(Binding binding, String call, int index, boolean ok, Resolved resolved,
			Object result) implements Step {
	}

	record StepFailed(String call, StepError error, int index, boolean ok) implements Step {
	}

	record Binding(String alias, String id, String type) {
	}

	record Resolved(String call, String contextId, String handleId, String method, String pageId, String ref,
			String sessionId, String target) {
	}

	@JsonInclude(Include.NON_NULL)
	record StepError(String code, Diagnostic diagnostic, String hint, String message) {
	}

	@JsonInclude(Include.NON_NULL)
	record Diagnostic(String id, String call, String category, List<String> closest, String code, String docsUrl,
			String driver, String expected, List<DiagnosticFix> fixes, String received) {
	}

	@JsonInclude(Include.NON_NULL)
	record DiagnosticFix(String title, String command, String example) {
	}

	@JsonInclude(Include.NON_NULL)
	record OperationError(String code, String message, Map<String, Object> details) {
	}

	/** The documented error shape ({@code api/reference-notes.md}). */
	@JsonInclude(Include.NON_NULL)
	record ErrorBody(String error, String code, String requestId, Map<String, Object> details) {
	}

}
