package ai.bctrl.operations;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observation of {@link OperationsClient} calls.
 */
public enum OperationsObservationDocumentation implements ObservationDocumentation {

	/**
	 * One logical client call, all attempts and waits included.
	 */
	CLIENT_CALL {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultOperationsObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys: metric tags and span attributes.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * Name of the client: {@code default} for the default client, the account or
		 * tenant name for the others.
		 */
		CLIENT {
			@Override
			public String asString() {
				return "bctrl.client";
			}
		},

		/**
		 * Client method: {@code cancel}, {@code get}, {@code await},
		 * {@code cancel-and-await}.
		 */
		CLIENT_OPERATION {
			@Override
			public String asString() {
				return "bctrl.operation";
			}
		},

		/**
		 * Outcome: {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR},
		 * {@code TRANSPORT_ERROR}, {@code TIMEOUT}, {@code CIRCUIT_OPEN},
		 * {@code INVALID_RESPONSE} or {@code CANCELLED}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** Final HTTP status code, or {@code NONE} when no response arrived. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/** Simple class name of the exception, or {@code none}. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		},

		/** Status of the returned operation in lower case, or {@code none}. */
		OPERATION_STATUS {
			@Override
			public String asString() {
				return "bctrl.operation.status";
			}
		}

	}

	/**
	 * High-cardinality keys: span attributes only, never metric tags.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The operation id. */
		OPERATION_ID {
			@Override
			public String asString() {
				return "bctrl.operation.id";
			}
		}

	}

}
