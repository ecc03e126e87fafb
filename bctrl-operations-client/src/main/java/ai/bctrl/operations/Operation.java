package ai.bctrl.operations;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A durable bctrl operation, as returned by cancel, get and wait.
 *
 * <p>
 * Timestamps are decoded leniently: a value that is not ISO-8601 gives {@code null}
 * instead of failing the call. Unknown status and runtime-kind values give
 * {@code UNKNOWN}.
 *
 * @param id operation id
 * @param workspaceId id of the workspace the operation belongs to
 * @param runtimeId id of the runtime that runs it
 * @param runtime name of the runtime
 * @param runtimeKind kind of the runtime ({@link RuntimeKind#UNKNOWN} when absent)
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
		OperationStatus status, @Nullable String currentCall, @Nullable OperationProgress progress,
		@Nullable OperationResult result, @Nullable OperationError error, @Nullable Instant createdAt,
		@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Instant cancelRequestedAt,
		@Nullable Instant lastHeartbeatAt) {

	/**
	 * Create an operation; a missing runtime kind becomes {@link RuntimeKind#UNKNOWN}.
	 * @param id operation id
	 * @param workspaceId workspace id
	 * @param runtimeId runtime id
	 * @param runtime runtime name
	 * @param runtimeKind runtime kind, or {@code null}
	 * @param status lifecycle status
	 * @param currentCall call being executed
	 * @param progress progress report
	 * @param result result
	 * @param error error
	 * @param createdAt creation time
	 * @param startedAt start time
	 * @param finishedAt finish time
	 * @param cancelRequestedAt cancellation request time
	 * @param lastHeartbeatAt last heartbeat time
	 */
	public Operation {
		runtimeKind = (runtimeKind != null) ? runtimeKind : RuntimeKind.UNKNOWN;
	}

}
