package ai.bctrl.operations;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import ai.bctrl.operations.OperationsObservationDocumentation.LowCardinalityKeyNames;

/**
 * Default {@link OperationsObservationConvention}: observation
 * {@code bctrl.client.requests} with the low-cardinality keys of
 * {@link LowCardinalityKeyNames} and the operation id as the only high-cardinality key.
 */
public class DefaultOperationsObservationConvention implements OperationsObservationConvention {

	/** Name of the observation, and of the timer it records. */
	public static final String NAME = "bctrl.client.requests";

	private static final KeyValue STATUS_NONE = KeyValue.of(LowCardinalityKeyNames.STATUS, "NONE");

	private static final KeyValue EXCEPTION_NONE = KeyValue.of(LowCardinalityKeyNames.EXCEPTION, "none");

	private static final KeyValue OPERATION_STATUS_NONE = KeyValue.of(LowCardinalityKeyNames.OPERATION_STATUS, "none");

	// Every low-cardinality value is one of a bounded set: made once, not on every call.

	private static final Map<String, KeyValue> CLIENT_OPERATIONS = Stream
		.of("cancel", "get", "await", "cancel-and-await")
		.collect(Collectors.toUnmodifiableMap(Function.identity(),
				(name) -> KeyValue.of(LowCardinalityKeyNames.CLIENT_OPERATION, name)));

	private static final KeyValue[] OUTCOMES = Stream.of(Outcome.values())
		.map((outcome) -> KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome.name()))
		.toArray(KeyValue[]::new);

	private static final int FIRST_STATUS = 100;

	private static final KeyValue[] STATUSES = IntStream.range(FIRST_STATUS, 600)
		.mapToObj((status) -> KeyValue.of(LowCardinalityKeyNames.STATUS, Integer.toString(status)))
		.toArray(KeyValue[]::new);

	private static final KeyValue[] OPERATION_STATUSES = Stream.of(OperationStatus.values())
		.map((status) -> KeyValue.of(LowCardinalityKeyNames.OPERATION_STATUS, status.name().toLowerCase(Locale.ROOT)))
		.toArray(KeyValue[]::new);

	private static final ClassValue<KeyValue> EXCEPTIONS = new ClassValue<>() {

		@Override
		protected KeyValue computeValue(Class<?> type) {
			return KeyValue.of(LowCardinalityKeyNames.EXCEPTION, type.getSimpleName());
		}

	};

	private final String name;

	/** Create the convention with the default name. */
	public DefaultOperationsObservationConvention() {
		this(NAME);
	}

	/**
	 * Create the convention with another observation name.
	 * @param name the observation name
	 */
	public DefaultOperationsObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(OperationsObservationContext context) {
		return "bctrl " + context.getClientOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OperationsObservationContext context) {
		// In the order of the key names: KeyValues need not sort them.
		return KeyValues.of(client(context), clientOperation(context), operationStatus(context), exception(context),
				outcome(context), status(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(OperationsObservationContext context) {
		return context.operationIdKeyValues();
	}

	/**
	 * The {@code bctrl.client} key: the name of the client that made the call.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue client(OperationsObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.CLIENT, context.getClientName());
	}

	/**
	 * The {@code bctrl.operation} key: the client method called ({@code cancel},
	 * {@code get}, {@code await} or {@code cancel-and-await}).
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue clientOperation(OperationsObservationContext context) {
		KeyValue known = CLIENT_OPERATIONS.get(context.getClientOperation());
		return (known != null) ? known
				: KeyValue.of(LowCardinalityKeyNames.CLIENT_OPERATION, context.getClientOperation());
	}

	/**
	 * The {@code outcome} key: how the call ended, for example {@code SUCCESS},
	 * {@code CLIENT_ERROR} or {@code TIMEOUT}.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(OperationsObservationContext context) {
		return OUTCOMES[Outcome.of(context).ordinal()];
	}

	/**
	 * The {@code status} key: the HTTP status of the last response, or {@code NONE} when
	 * no response arrived.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue status(OperationsObservationContext context) {
		int status = context.getStatusCode();
		if (status <= 0) {
			return STATUS_NONE;
		}
		int index = status - FIRST_STATUS;
		return (index >= 0 && index < STATUSES.length) ? STATUSES[index]
				: KeyValue.of(LowCardinalityKeyNames.STATUS, Integer.toString(status));
	}

	/**
	 * The {@code exception} key: the simple class name of the error, or {@code none}.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue exception(OperationsObservationContext context) {
		Throwable error = context.getError();
		return (error != null) ? EXCEPTIONS.get(error.getClass()) : EXCEPTION_NONE;
	}

	/**
	 * The {@code bctrl.operation.status} key: the status of the returned operation in
	 * lower case, or {@code none} when the call returned no operation.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue operationStatus(OperationsObservationContext context) {
		Operation operation = context.getOperation();
		return (operation != null && operation.status() != null) ? OPERATION_STATUSES[operation.status().ordinal()]
				: OPERATION_STATUS_NONE;
	}

	/**
	 * Outcome of a call, the value of the {@code outcome} key.
	 */
	enum Outcome {

		SUCCESS, CLIENT_ERROR, SERVER_ERROR, TRANSPORT_ERROR, TIMEOUT, CIRCUIT_OPEN, INVALID_RESPONSE, CANCELLED;

		static Outcome of(OperationsObservationContext context) {
			if (context.isCancelled()) {
				return CANCELLED;
			}
			Throwable error = context.getError();
			if (error == null) {
				return SUCCESS;
			}
			if (error instanceof BctrlApiException api) {
				return (api.statusCode() >= 500) ? SERVER_ERROR : CLIENT_ERROR;
			}
			if (error instanceof BctrlTimeoutException) {
				return TIMEOUT;
			}
			if (error instanceof BctrlTransportException) {
				return TRANSPORT_ERROR;
			}
			if (error instanceof BctrlCircuitOpenException) {
				return CIRCUIT_OPEN;
			}
			if (error instanceof BctrlResponseException) {
				return INVALID_RESPONSE;
			}
			return CLIENT_ERROR;
		}

	}

}
