package ai.bctrl.operations;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
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
	void registersConstructorsAccessorsAndFieldsOfEveryModelRecord() throws NoSuchMethodException {
		for (Class<?> type : OperationsClientRuntimeHints.MODEL_RECORDS) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS,
						MemberCategory.ACCESS_DECLARED_FIELDS))
				.as(type.getName())
				.accepts(this.hints);
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
		for (Class<?> type : OperationsClientRuntimeHints.MODEL_ENUMS) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, "fromWireValue")).as(type.getName())
				.accepts(this.hints);
		}
	}

	@Test
	void coversEveryTypeReachableFromOperation() {
		Set<Class<?>> reachable = new LinkedHashSet<>();
		collect(Operation.class, reachable);
		collect(Step.Succeeded.class, reachable);
		collect(Step.Failed.class, reachable);
		Set<Class<?>> covered = new LinkedHashSet<>(List.of(OperationsClientRuntimeHints.MODEL_RECORDS));
		covered.addAll(List.of(OperationsClientRuntimeHints.MODEL_ENUMS));
		covered.add(Step.class);
		assertThat(covered).containsAll(reachable);
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
	}

}
