package ai.bctrl.operations;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ReflectionUtils;

/**
 * {@link RuntimeHintsRegistrar} for the bctrl client in a GraalVM native image: the model
 * records are bound by Jackson through reflection (canonical constructor, component
 * accessors and fields), the enums through their {@code @JsonCreator} factory, and the
 * client reads its version from a resource.
 */
class OperationsClientRuntimeHints implements RuntimeHintsRegistrar {

	/** Every record of the model Jackson creates, the two step shapes included. */
	static final Class<?>[] MODEL_RECORDS = { Operation.class, OperationProgress.class, OperationResult.class,
			OperationError.class, Step.Succeeded.class, Step.Failed.class, StepError.class, Diagnostic.class,
			DiagnosticFix.class, Binding.class, Resolved.class };

	/** Every enum of the model, each decoded by its static {@code fromWireValue}. */
	static final Class<?>[] MODEL_ENUMS = { OperationStatus.class, RuntimeKind.class, StepErrorCode.class };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (Class<?> type : MODEL_RECORDS) {
			hints.reflection()
				.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS,
						MemberCategory.ACCESS_DECLARED_FIELDS);
		}
		for (Class<?> type : MODEL_ENUMS) {
			hints.reflection().registerType(type, MemberCategory.ACCESS_PUBLIC_FIELDS);
			hints.reflection()
				.registerMethod(ReflectionUtils.findMethod(type, "fromWireValue", String.class), ExecutableMode.INVOKE);
		}
		// Step itself is created by the client's own deserializer, but Jackson
		// introspects it.
		hints.reflection().registerType(Step.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.resources().registerPattern("ai/bctrl/operations/version.properties");
	}

}
