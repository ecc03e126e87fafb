package ai.bctrl.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * The body every end-to-end benchmark server answers: the operation a cancel request
 * returns for a running operation, every field of the schema present.
 */
public final class CannedOperation {

	/** The operation id in the body. */
	public static final String ID = "3f2a9c7e-5b1d-4e8a-9c6f-2d7b8e1a4c90";

	private static final String JSON = """
			{"id":"3f2a9c7e-5b1d-4e8a-9c6f-2d7b8e1a4c90","workspaceId":"7d1c0b9a-2e4f-4a6b-8c3d-5e7f9a1b3c5d",\
			"runtimeId":"93ab5c7d-1e2f-4a3b-9c4d-6e8f0a2b4c6d","runtime":"browser","runtimeKind":"browser",\
			"status":"cancelling","currentCall":"agent.act",\
			"progress":{"currentCall":"agent.act","lastEventType":"step.started","message":"Filling the form",\
			"step":3,"totalSteps":7},"result":null,"error":null,"createdAt":"2025-06-01T10:00:00Z",\
			"startedAt":"2025-06-01T10:00:01Z","finishedAt":null,"cancelRequestedAt":"2025-06-01T10:05:00Z",\
			"lastHeartbeatAt":"2025-06-01T10:04:58Z"}""";

	private static final byte[] BYTES = JSON.getBytes(StandardCharsets.UTF_8);

	private CannedOperation() {
	}

	/**
	 * The body as bytes; callers must not change the array.
	 * @return the shared bytes
	 */
	public static byte[] bytes() {
		return BYTES;
	}

}
