package ai.bctrl.test.autoconfigure;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

import ai.bctrl.emulator.BctrlEmulator;

/**
 * {@link TestExecutionListener} that {@linkplain BctrlEmulator#reset() resets} the
 * emulator of an {@link AutoConfigureBctrlEmulator} test after each test method, so that
 * operations, faults and recorded requests never leak into the next test of a shared
 * context.
 */
class BctrlEmulatorResetTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext() || !TestContextAnnotationUtils
			.hasAnnotation(testContext.getTestClass(), AutoConfigureBctrlEmulator.class)) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(BctrlEmulatorContextCustomizer.BEAN_NAME)
				&& context.getBean(BctrlEmulatorContextCustomizer.BEAN_NAME) instanceof BctrlEmulator emulator) {
			emulator.reset();
		}
	}

}
