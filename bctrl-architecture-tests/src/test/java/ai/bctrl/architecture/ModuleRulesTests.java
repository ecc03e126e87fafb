package ai.bctrl.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN §2's dependency rules, checked on the compiled classes of each module (main and
 * test) where the module's own build wrote them, so that a class is known by the module
 * it comes from, not by its package.
 */
class ModuleRulesTests {

	private static final String[] PUBLISHED_MODULES = { "bctrl-operations-client", "bctrl-spring-boot-autoconfigure",
			"bctrl-emulator", "bctrl-spring-boot-starter-test" };

	@Test
	void clientNeverDependsOnSpringBoot() {
		ArchRule rule = noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.because("bctrl-operations-client is a plain Java library, usable without Spring Boot");
		rule.check(classesOf("bctrl-operations-client"));
	}

	@Test
	void emulatorNeverDependsOnTheClient() {
		ArchRule rule = noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("ai.bctrl.operations..")
			.because("the emulator writes its JSON from its own model, so a misreading of the contract "
					+ "cannot hide in both sides at once");
		rule.check(classesOf("bctrl-emulator"));
	}

	@ParameterizedTest(name = "{0} keeps its classes in {1}")
	@CsvSource({ "bctrl-operations-client, ai.bctrl.operations",
			"bctrl-spring-boot-autoconfigure, ai.bctrl.autoconfigure", "bctrl-spring-boot-starter, ai.bctrl.starter",
			"bctrl-emulator, ai.bctrl.emulator", "bctrl-spring-boot-starter-test, ai.bctrl.test.autoconfigure",
			"bctrl-test-support, ai.bctrl.testsupport", "bctrl-sample-app, ai.bctrl.sample" })
	void everyModuleKeepsItsClassesInItsOwnPackage(String module, String packageRoot) {
		classesStayIn(module, packageRoot);
	}

	@Test
	void sampleAppUsesOnlyThePublicApi() {
		onlyPublicApiIsUsedBy("bctrl-sample-app", "ai.bctrl.sample");
	}

	@Test
	void benchmarksKeepTheirClassesInTheirOwnPackageAndUseOnlyThePublicApi() {
		classesStayIn("bctrl-benchmarks", "ai.bctrl.benchmarks");
		onlyPublicApiIsUsedBy("bctrl-benchmarks", "ai.bctrl.benchmarks");
	}

	private static void classesStayIn(String module, String packageRoot) {
		ArchRule rule = classes().should()
			.resideInAPackage(packageRoot + "..")
			.because("no module puts classes into another module's package (no split packages)");
		rule.check(classesOf(module));
	}

	private static void onlyPublicApiIsUsedBy(String module, String packageRoot) {
		DescribedPredicate<JavaClass> publicOrOwn = resideOutsideOfPackage("ai.bctrl..")
			.or(resideInAPackage(packageRoot + ".."))
			.or(DescribedPredicate.describe("public", (type) -> type.getModifiers().contains(JavaModifier.PUBLIC)));
		ArchRule rule = classes().that()
			.resideInAPackage(packageRoot + "..")
			.should()
			.onlyDependOnClassesThat(publicOrOwn)
			.because("it is what a user would write: the public API only");
		// The published modules are imported too: the rule reads the modifiers of their
		// types.
		rule.check(
				classesOf(Stream.concat(Stream.of(module), Arrays.stream(PUBLISHED_MODULES)).toArray(String[]::new)));
	}

	private static JavaClasses classesOf(String... modules) {
		Path root = Path.of(System.getProperty("bctrl.project.root"));
		Path[] compiled = Arrays.stream(modules)
			.map((module) -> root.resolve(module).resolve("target"))
			.flatMap((target) -> Stream.of(target.resolve("classes"), target.resolve("test-classes")))
			.filter(Files::isDirectory)
			.toArray(Path[]::new);
		return new ClassFileImporter().importPaths(compiled);
	}

}
