package ai.bctrl.test.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for {@link AutoConfigureBctrlEmulator}: finds the
 * annotation on the test class, a superclass, an enclosing class of a {@code @Nested}
 * test or as a meta-annotation, and creates a {@link BctrlEmulatorContextCustomizer} from
 * its attributes; without the annotation, guards the context against the real API
 * ({@link BctrlRealApiGuard}).
 */
class BctrlEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureBctrlEmulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureBctrlEmulator.class);
		if (annotation == null) {
			return BctrlRealApiGuard.isNeeded() ? new BctrlRealApiGuard.Customizer(testClass.getName()) : null;
		}
		if (annotation.apiKey().isBlank()) {
			throw new IllegalStateException("@AutoConfigureBctrlEmulator(apiKey = \"" + annotation.apiKey() + "\") on "
					+ testClass.getName() + " must not be blank; leave it out for the default key");
		}
		return new BctrlEmulatorContextCustomizer(annotation.apiKey(),
				cancellingDelay(testClass, annotation.cancellingDelay()), annotation.autoProgress());
	}

	private static Duration cancellingDelay(Class<?> testClass, String value) {
		try {
			Duration delay = DurationStyle.detectAndParse(value.trim());
			if (!delay.isNegative()) {
				return delay;
			}
		}
		catch (IllegalArgumentException ex) {
			// Reported below with the accepted format.
		}
		throw new IllegalStateException("@AutoConfigureBctrlEmulator(cancellingDelay = \"" + value + "\") on "
				+ testClass.getName() + " is not a duration of zero or more; use a value such as 100ms, 2s or PT0.5S");
	}

}
