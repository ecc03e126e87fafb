package ai.bctrl.operations;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * {@link RuntimeHintsRegistrar} for the bctrl client in a GraalVM native image. The model
 * is registered by Spring's {@link BindingReflectionHintsRegistrar}, which walks every
 * type reachable from {@link Operation}; what it cannot see is added: the two shapes of
 * the sealed {@link Step} (created by the client's own deserializer), the
 * {@code @JsonCreator} factory of every model enum, and the version resource.
 */
class OperationsClientRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), Operation.class, Step.Succeeded.class,
				Step.Failed.class);
		List<TypeReference> registered = hints.reflection().typeHints().map((hint) -> hint.getType()).toList();
		for (TypeReference type : registered) {
			Class<?> model = modelType(type, classLoader);
			if (model != null && model.isEnum()) {
				registerJsonCreator(hints, model);
			}
		}
		hints.resources().registerPattern("ai/bctrl/operations/version.properties");
	}

	private static Class<?> modelType(TypeReference type, ClassLoader classLoader) {
		if (!type.getPackageName().equals(Operation.class.getPackageName())) {
			return null;
		}
		return ClassUtils.resolveClassName(type.getName(), classLoader);
	}

	private static void registerJsonCreator(RuntimeHints hints, Class<?> type) {
		for (Method method : type.getDeclaredMethods()) {
			if (Modifier.isStatic(method.getModifiers()) && method.isAnnotationPresent(JsonCreator.class)) {
				hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
			}
		}
	}

}
