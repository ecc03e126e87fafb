package ai.bctrl.test.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContext;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link BctrlEmulatorResetTestExecutionListener}.
 */
class BctrlEmulatorResetTestExecutionListenerTests {

	private final BctrlEmulatorResetTestExecutionListener listener = new BctrlEmulatorResetTestExecutionListener();

	@Test
	void resetsTheEmulatorAfterEachTestMethod() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			new BctrlEmulatorContextCustomizer("sk-test", Duration.ZERO, true).customizeContext(context,
					mock(MergedContextConfiguration.class));
			context.refresh();
			BctrlEmulator emulator = context.getBean(BctrlEmulator.class);
			emulator.seed(OperationState.RUNNING);
			emulator.faults().always().status(500);
			this.listener.afterTestMethod(testContext(Annotated.class, context));
			assertThat(emulator.operations()).isEmpty();
			assertThat(emulator.faults().all()).isEmpty();
			assertThat(emulator.requests()).isEmpty();
		}
	}

	@Test
	void leavesAnEmulatorOfATestWithoutTheAnnotationAlone() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start();
				GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("bctrlEmulator", BctrlEmulator.class, () -> emulator);
			context.refresh();
			emulator.seed(OperationState.RUNNING);
			this.listener.afterTestMethod(testContext(NotAnnotated.class, context));
			assertThat(emulator.operations()).hasSize(1);
		}
	}

	@Test
	void doesNotLoadAContextThatIsNotThere() {
		TestContext testContext = mock(TestContext.class);
		given(testContext.hasApplicationContext()).willReturn(false);
		this.listener.afterTestMethod(testContext);
		verify(testContext, never()).getApplicationContext();
	}

	private static TestContext testContext(Class<?> testClass, GenericApplicationContext context) {
		TestContext testContext = mock(TestContext.class);
		given(testContext.hasApplicationContext()).willReturn(true);
		given(testContext.getTestClass()).willAnswer((invocation) -> testClass);
		given(testContext.getApplicationContext()).willReturn(context);
		return testContext;
	}

	@AutoConfigureBctrlEmulator
	static class Annotated {

	}

	static class NotAnnotated {

	}

}
