package ai.bctrl.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a snapshot as the API's {@code Operation} JSON: progress, result and error are
 * derived from the state, so every read of the same snapshot gives the same body. Each
 * runtime kind runs a fixed script of three calls; a failed operation fails on the
 * second.
 */
final class OperationBodies {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int FAILING_STEP = 1;

	private static final Map<String, Script> SCRIPTS = Map.of("browser", browser(), "desktop", desktop(), "spreadsheet",
			spreadsheet());

	private OperationBodies() {
	}

	static Wire.Operation render(OperationSnapshot snapshot) {
		Script script = SCRIPTS.get(snapshot.runtimeKind());
		OperationState state = snapshot.state();
		String currentCall = (state == OperationState.RUNNING || state == OperationState.CANCELLING)
				? script.calls().get(FAILING_STEP).call() : null;
		return new Wire.Operation(snapshot.id(), snapshot.workspaceId(), snapshot.runtimeId(), snapshot.runtime(),
				snapshot.runtimeKind(), state.wireValue(), currentCall, progress(snapshot, script),
				result(snapshot, script), error(snapshot, script), timestamp(snapshot.createdAt()),
				timestamp(snapshot.startedAt()), timestamp(snapshot.finishedAt()),
				timestamp(snapshot.cancelRequestedAt()), timestamp(snapshot.lastHeartbeatAt()));
	}

	private static Wire.Progress progress(OperationSnapshot snapshot, Script script) {
		int total = script.calls().size();
		String call = script.calls().get(FAILING_STEP).call();
		int step = FAILING_STEP + 1;
		return switch (snapshot.state()) {
			case QUEUED -> null;
			case DISPATCHING -> new Wire.Progress(null, "operation.dispatching",
					"Waiting for a " + snapshot.runtimeKind() + " runtime", 0, total);
			case RUNNING -> new Wire.Progress(call, "step.started",
					"Running step " + step + " of " + total + ": " + call, step, total);
			case CANCELLING -> new Wire.Progress(call, "operation.cancel_requested",
					"Cancellation requested; stopping " + call, step, total);
			case SUCCEEDED -> new Wire.Progress(null, "operation.succeeded",
					"Completed " + total + " of " + total + " steps", total, total);
			case FAILED -> new Wire.Progress(call, "step.failed", "Step " + step + " of " + total + " failed: " + call,
					step, total);
			case CANCELLED -> new Wire.Progress(null, "operation.cancelled", "Cancelled on request",
					(snapshot.startedAt() != null) ? step : 0, total);
			case TIMED_OUT -> new Wire.Progress(call, "operation.timed_out",
					"Timed out in step " + step + " of " + total + ": " + call, step, total);
		};
	}

	private static Wire.Result result(OperationSnapshot snapshot, Script script) {
		if (snapshot.state() == OperationState.SUCCEEDED) {
			List<Wire.Step> steps = new ArrayList<>();
			for (int i = 0; i < script.calls().size(); i++) {
				steps.add(succeeded(snapshot, script, i));
			}
			return new Wire.Result("fail-fast", true, snapshot.runtime(), steps);
		}
		if (snapshot.state() == OperationState.FAILED) {
			List<Wire.Step> steps = new ArrayList<>();
			for (int i = 0; i < FAILING_STEP; i++) {
				steps.add(succeeded(snapshot, script, i));
			}
			steps.add(new Wire.StepFailed(script.calls().get(FAILING_STEP).call(), script.failure(), FAILING_STEP,
					false));
			return new Wire.Result("fail-fast", false, snapshot.runtime(), steps);
		}
		return null;
	}

	private static Wire.StepSucceeded succeeded(OperationSnapshot snapshot, Script script, int index) {
		Call call = script.calls().get(index);
		String session = "ses_" + snapshot.runtimeId().substring(0, 8);
		boolean browser = "browser".equals(snapshot.runtimeKind());
		Wire.Resolved resolved = new Wire.Resolved(call.call(), browser ? "ctx_1" : null,
				browser ? null : "hdl_" + script.alias(), call.method(), browser ? "page_1" : null, call.ref(), session,
				script.alias());
		return new Wire.StepSucceeded(script.binding(), call.call(), index, true, resolved, call.result());
	}

	private static Wire.OperationError error(OperationSnapshot snapshot, Script script) {
		String call = script.calls().get(FAILING_STEP).call();
		if (snapshot.state() == OperationState.FAILED) {
			Wire.StepError failure = script.failure();
			return new Wire.OperationError("step.failed",
					"Step " + (FAILING_STEP + 1) + " (" + call + ") failed: " + failure.message(),
					Map.of("stepIndex", FAILING_STEP, "call", call, "stepErrorCode", failure.code()));
		}
		if (snapshot.state() == OperationState.TIMED_OUT) {
			return new Wire.OperationError("operation.timed_out", "Operation did not finish within its time limit",
					Map.of("stepIndex", FAILING_STEP, "call", call));
		}
		return null;
	}

	static String timestamp(Instant instant) {
		return (instant != null) ? TIMESTAMP.format(instant) : null;
	}

	private static Script browser() {
		Wire.Diagnostic diagnostic = new Wire.Diagnostic("diag_unknown_ref", "page.click", "semantic",
				List.of("e41", "e43"), "ref.unknown", "https://docs.bctrl.ai/errors/unknown-ref", "playwright",
				"a ref from the latest page snapshot", List.of(new Wire.DiagnosticFix("Take a fresh snapshot",
						"page.snapshot", "page.snapshot() then page.click({ ref: 'e41' })")),
				"e42");
		return new Script("page", new Wire.Binding("page", "page_1", "page"),
				List.of(new Call("page.goto", "goto", null, Map.of("url", "https://example.com/", "status", 200)),
						new Call("page.click", "click", "e42", Map.of("clicked", true)),
						new Call("page.extract", "extract", null, Map.of("title", "Example Domain", "items", 3))),
				new Wire.StepError("UNKNOWN_REF", diagnostic, "Refs change when the page changes; take a new snapshot",
						"No element matches ref 'e42'"));
	}

	private static Script desktop() {
		Wire.Diagnostic diagnostic = new Wire.Diagnostic("diag_capability", "mouse.click", "runtime", null,
				"capability.unavailable", "https://docs.bctrl.ai/errors/capability-not-available", "xdotool", null,
				List.of(new Wire.DiagnosticFix("Use a desktop runtime with input control", null, null)), null);
		return new Script("screen", new Wire.Binding("screen", "hdl_screen", "handle"),
				List.of(new Call("screen.capture", "capture", null, Map.of("width", 1920, "height", 1080)),
						new Call("mouse.click", "click", null, Map.of("x", 640, "y", 360)),
						new Call("keyboard.type", "type", null, Map.of("characters", 12))),
				new Wire.StepError("CAPABILITY_NOT_AVAILABLE", diagnostic, null,
						"This runtime cannot control the mouse"));
	}

	private static Script spreadsheet() {
		Wire.Diagnostic diagnostic = new Wire.Diagnostic("diag_invalid_args", "range.read", "arg-shape", null,
				"args.invalid", "https://docs.bctrl.ai/errors/invalid-args", "sheets", "an A1 range such as 'A1:C10'",
				null, "'A1:'");
		return new Script("sheet", new Wire.Binding("sheet", "hdl_sheet", "handle"),
				List.of(new Call("sheet.open", "open", null, Map.of("sheet", "Q3 forecast")),
						new Call("range.read", "read", null, Map.of("rows", 42)),
						new Call("range.write", "write", null, Map.of("updated", 42))),
				new Wire.StepError("INVALID_ARGS", diagnostic, "Give both corners of the range",
						"Invalid range 'A1:'"));
	}

	/** The calls one runtime kind makes, and how its second call fails. */
	private record Script(String alias, Wire.Binding binding, List<Call> calls, Wire.StepError failure) {
	}

	private record Call(String call, String method, String ref, Object result) {
	}

}
