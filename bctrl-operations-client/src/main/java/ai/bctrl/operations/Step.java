package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * One step of an {@link OperationResult}: either {@link Succeeded} or {@link Failed}. The
 * two are told apart by shape: a step with an {@code error} is failed.
 */
public sealed interface Step permits Step.Succeeded, Step.Failed {

	/**
	 * Call this step executed.
	 * @return the call
	 */
	String call();

	/**
	 * Position of the step in the result.
	 * @return the index
	 */
	int index();

	/**
	 * Whether the step succeeded.
	 * @return {@code true} for a succeeded step
	 */
	boolean ok();

	/**
	 * A step that succeeded.
	 *
	 * @param call call executed
	 * @param index position in the result
	 * @param ok whether the step succeeded
	 * @param binding binding created by the step, or {@code null}
	 * @param resolved how the call was resolved
	 * @param result what the call returned, as plain Java values
	 */
	record Succeeded(String call, int index, boolean ok, @Nullable Binding binding, Resolved resolved,
			@Nullable Object result) implements Step {

	}

	/**
	 * A step that failed.
	 *
	 * @param call call executed
	 * @param index position in the result
	 * @param ok whether the step succeeded
	 * @param error why it failed
	 */
	record Failed(String call, int index, boolean ok, StepError error) implements Step {

	}

}
