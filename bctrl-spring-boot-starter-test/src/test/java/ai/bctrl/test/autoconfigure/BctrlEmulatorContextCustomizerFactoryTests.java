package ai.bctrl.test.autoconfigure;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BctrlEmulatorContextCustomizerFactory}.
 */
class BctrlEmulatorContextCustomizerFactoryTests {

	private final BctrlEmulatorContextCustomizerFactory factory = new BctrlEmulatorContextCustomizerFactory();

	@Test
	void guardsAgainstTheRealApiWithoutTheAnnotation() {
		assertThat(customizer(NotAnnotated.class)).isInstanceOf(BctrlRealApiGuard.Customizer.class);
	}

	@Test
	void failsOnABlankApiKeyNamingTheAttribute() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(BlankKey.class))
			.withMessageContaining("@AutoConfigureBctrlEmulator(apiKey = \" \")")
			.withMessageContaining(BlankKey.class.getName());
	}

	@Test
	void createsCustomizerFromTheAnnotationsAttributes() {
		assertThat(customizer(Defaults.class))
			.isEqualTo(new BctrlEmulatorContextCustomizer("emulator-key", Duration.ofMillis(100), true));
		assertThat(customizer(Custom.class))
			.isEqualTo(new BctrlEmulatorContextCustomizer("sk-test", Duration.ofSeconds(2), false));
	}

	@Test
	void findsTheAnnotationAsAMetaAnnotation() {
		assertThat(customizer(MetaAnnotated.class))
			.isEqualTo(new BctrlEmulatorContextCustomizer("sk-meta", Duration.ofMillis(100), true));
	}

	@Test
	void findsTheAnnotationOnASuperclass() {
		assertThat(customizer(Subclass.class)).isEqualTo(customizer(Custom.class));
	}

	@Test
	void findsTheAnnotationOnTheEnclosingClassOfANestedTest() {
		assertThat(customizer(Custom.Inner.class)).isEqualTo(customizer(Custom.class));
	}

	@Test
	void equalAttributesGiveEqualCustomizersSoThatContextsAreShared() {
		ContextCustomizer first = customizer(Defaults.class);
		ContextCustomizer second = customizer(AlsoDefaults.class);
		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(customizer(Custom.class));
	}

	@Test
	void failsOnAnInvalidCancellingDelay() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(InvalidDelay.class))
			.withMessageContaining("cancellingDelay = \"soon\"")
			.withMessageContaining(InvalidDelay.class.getName())
			.withMessageContaining("such as 100ms, 2s or PT0.5S");
		assertThatIllegalStateException().isThrownBy(() -> customizer(NegativeDelay.class))
			.withMessageContaining("cancellingDelay = \"-1s\"");
	}

	private ContextCustomizer customizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	static class NotAnnotated {

	}

	@AutoConfigureBctrlEmulator
	static class Defaults {

	}

	@AutoConfigureBctrlEmulator
	static class AlsoDefaults {

	}

	@AutoConfigureBctrlEmulator(apiKey = "sk-test", cancellingDelay = "2s", autoProgress = false)
	static class Custom {

		@Nested
		class Inner {

		}

	}

	static class Subclass extends Custom {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@AutoConfigureBctrlEmulator(apiKey = "sk-meta")
	@interface EmulatedBctrl {

	}

	@EmulatedBctrl
	static class MetaAnnotated {

	}

	@AutoConfigureBctrlEmulator(apiKey = " ")
	static class BlankKey {

	}

	@AutoConfigureBctrlEmulator(cancellingDelay = "soon")
	static class InvalidDelay {

	}

	@AutoConfigureBctrlEmulator(cancellingDelay = "-1s")
	static class NegativeDelay {

	}

}
