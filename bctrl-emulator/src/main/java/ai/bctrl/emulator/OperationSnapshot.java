package ai.bctrl.emulator;

import java.time.Instant;

/**
 * What the emulator holds for one operation at one moment. The JSON the API returns is
 * derived from it: progress, result and error follow from the state, the runtime kind and
 * the outcome.
 *
 * @param id operation id (a UUID)
 * @param workspaceId workspace id (a UUID)
 * @param runtimeId runtime id (a UUID)
 * @param runtime runtime name
 * @param runtimeKind {@code browser}, {@code desktop} or {@code spreadsheet}
 * @param state current state
 * @param outcome terminal state the operation reaches when it finishes on its own
 * @param frozen whether the operation stays in its state until cancelled
 * @param createdAt when it was created
 * @param startedAt when it started running, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param cancelRequestedAt when cancellation was first requested, or {@code null}
 * @param lastHeartbeatAt last heartbeat of its runtime, or {@code null}
 */
public record OperationSnapshot(String id, String workspaceId, String runtimeId, String runtime, String runtimeKind,
		OperationState state, OperationState outcome, boolean frozen, Instant createdAt, Instant startedAt,
		Instant finishedAt, Instant cancelRequestedAt, Instant lastHeartbeatAt) {

	/**
	 * The snapshot after a move to the next state at {@code now}, with the timestamps a
	 * real runtime would set on that move.
	 */
	OperationSnapshot moveTo(OperationState next, Instant now) {
		Instant started = this.startedAt;
		Instant finished = this.finishedAt;
		Instant cancelRequested = this.cancelRequestedAt;
		Instant heartbeat = this.lastHeartbeatAt;
		if (next == OperationState.RUNNING) {
			started = now;
			heartbeat = now;
		}
		if (next == OperationState.CANCELLING || next == OperationState.CANCELLED) {
			cancelRequested = (cancelRequested != null) ? cancelRequested : now;
		}
		if (next == OperationState.CANCELLING || (next.isTerminal() && started != null)) {
			heartbeat = now;
		}
		if (next.isTerminal()) {
			finished = now;
		}
		return new OperationSnapshot(this.id, this.workspaceId, this.runtimeId, this.runtime, this.runtimeKind, next,
				this.outcome, this.frozen, this.createdAt, started, finished, cancelRequested, heartbeat);
	}

}
