package ai.bctrl.operations;

import java.time.Instant;

/**
 * A durable bctrl operation, as returned by cancel, get and wait.
 *
 * <p>Timestamps are decoded leniently: a value that is not ISO-8601 gives {@code null}
 * instead of failing the call. Unknown status and runtime-kind values give
 * {@code UNKNOWN}.
 *
 * @param id operation id
 * @param workspaceId id of the workspace the operation belongs to
 * @param runtimeId id of the runtime that runs it
 * @param runtime name of the runtime
 * @param runtimeKind kind of the runtime
 * @param status lifecycle status
 * @param currentCall call being executed, or {@code null}
 * @param progress progress report, or {@code null}
 * @param result result once finished, or {@code null}
 * @param error error once failed, or {@code null}
 * @param createdAt when the operation was created
 * @param startedAt when it started running, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param cancelRequestedAt when cancellation was requested, or {@code null}
 * @param lastHeartbeatAt last heartbeat from the runtime, or {@code null}
 */
public record Operation(String id, String workspaceId, String runtimeId, String runtime, RuntimeKind runtimeKind,
		OperationStatus status, String currentCall, OperationProgress progress, OperationResult result,
		OperationError error, Instant createdAt, Instant startedAt, Instant finishedAt, Instant cancelRequestedAt,
		Instant lastHeartbeatAt) {

}
