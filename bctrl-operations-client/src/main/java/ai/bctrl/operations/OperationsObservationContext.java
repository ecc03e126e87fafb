package ai.bctrl.operations;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;

import ai.bctrl.operations.OperationsObservationDocumentation.HighCardinalityKeyNames;

/**
 * Context of one logical {@link OperationsClient} call, observed as
 * {@code bctrl.client.requests}. Filled in as the call proceeds: the result or error and
 * the final HTTP status.
 */
public final class OperationsObservationContext extends Observation.Context {

	private final String clientName;

	private final String clientOperation;

	private final String operationId;

	private Operation operation;

	private int statusCode;

	private boolean cancelled;

	private KeyValues operationIdKeyValues;

	OperationsObservationContext(String clientName, String clientOperation, String operationId) {
		this.clientName = clientName;
		this.clientOperation = clientOperation;
		this.operationId = operationId;
	}

	/**
	 * Name of the client that made the call: {@code default} for the default client, the
	 * account or tenant name for the others.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Client method called: {@code cancel}, {@code get}, {@code await} or
	 * {@code cancel-and-await}.
	 * @return the client operation
	 */
	public String getClientOperation() {
		return this.clientOperation;
	}

	/**
	 * The operation id the call is about (high cardinality: traces only, never a metric
	 * tag).
	 * @return the operation id
	 */
	public String getOperationId() {
		return this.operationId;
	}

	/**
	 * The operation the call returned.
	 * @return the operation, or {@code null} when the call failed or has not finished
	 */
	public Operation getOperation() {
		return this.operation;
	}

	void setOperation(Operation operation) {
		this.operation = operation;
	}

	/**
	 * HTTP status of the last response.
	 * @return the status code, or {@code 0} when no response arrived
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	void setStatusCode(int statusCode) {
		this.statusCode = statusCode;
	}

	/**
	 * Whether the caller cancelled (disposed) the call before it finished.
	 * @return whether the call was cancelled by the caller
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

	/**
	 * The high-cardinality key values, made once per call although asked at start and
	 * stop.
	 */
	KeyValues operationIdKeyValues() {
		KeyValues keyValues = this.operationIdKeyValues;
		if (keyValues == null) {
			keyValues = KeyValues.of(KeyValue.of(HighCardinalityKeyNames.OPERATION_ID, this.operationId));
			this.operationIdKeyValues = keyValues;
		}
		return keyValues;
	}

}
