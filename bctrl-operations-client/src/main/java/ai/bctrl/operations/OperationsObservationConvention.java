package ai.bctrl.operations;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for {@code bctrl.client.requests}; implement it (or
 * extend {@link DefaultOperationsObservationConvention}) to change names or key values.
 */
public interface OperationsObservationConvention extends ObservationConvention<OperationsObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof OperationsObservationContext;
	}

}
