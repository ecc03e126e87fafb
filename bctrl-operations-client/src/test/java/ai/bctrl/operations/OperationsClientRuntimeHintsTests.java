package ai.bctrl.operations;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OperationsClientRuntimeHints}.
 */
class OperationsClientRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	OperationsClientRuntimeHintsTests() {
		new OperationsClientRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(OperationsClientRuntimeHints.class);
	}

	@Test
	void registersEveryTypeReachableFromOperation() {
		assertThat(reachableFromOperation()).hasSizeGreaterThan(10)
			.allSatisfy((type) -> assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName())
				.accepts(this.hints));
	}

	@Test
	void registersCanonicalConstructorAndAccessorsOfEveryModelRecord() throws NoSuchMethodException {
		for (Class<?> type : reachableFromOperation()) {
			if (!type.isRecord()) {
				continue;
			}
			assertThat(RuntimeHintsPredicates.reflection()
				.onConstructorInvocation(type.getDeclaredConstructor(canonicalParameterTypes(type))))
				.as("canonical constructor of %s", type.getName())
				.accepts(this.hints);
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as("accessor %s of %s", component.getName(), type.getName())
					.accepts(this.hints);
			}
		}
	}

	@Test
	void registersJsonCreatorOfEveryModelEnum() {
		List<Class<?>> enums = reachableFromOperation().stream().filter(Class::isEnum).toList();
		assertThat(enums).contains(OperationStatus.class, RuntimeKind.class, StepErrorCode.class);
		for (Class<?> type : enums) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, "fromWireValue")).as(type.getName())
				.accepts(this.hints);
		}
	}

	@Test
	void registersVersionResource() {
		assertThat(RuntimeHintsPredicates.resource().forResource("ai/bctrl/operations/version.properties"))
			.accepts(this.hints);
	}

	private static Class<?>[] canonicalParameterTypes(Class<?> record) {
		RecordComponent[] components = record.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
		}
		return types;
	}

	/**
	 * Every type of the model package reachable from {@link Operation} through record
	 * components and the permitted shapes of sealed interfaces, found independently of
	 * the registrar.
	 */
	private static Set<Class<?>> reachableFromOperation() {
		Set<Class<?>> reachable = new LinkedHashSet<>();
		collect(Operation.class, reachable);
		return reachable;
	}

	/** Every type of the model package reachable through record components. */
	private static void collect(Type type, Set<Class<?>> found) {
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				collect(argument, found);
			}
			return;
		}
		if (!(type instanceof Class<?> clazz) || !clazz.getPackageName().equals(Operation.class.getPackageName())
				|| !found.add(clazz)) {
			return;
		}
		if (clazz.isRecord()) {
			for (RecordComponent component : clazz.getRecordComponents()) {
				collect(component.getGenericType(), found);
			}
		}
		if (clazz.isSealed()) {
			for (Class<?> permitted : clazz.getPermittedSubclasses()) {
				collect(permitted, found);
			}
		}
	}

}
