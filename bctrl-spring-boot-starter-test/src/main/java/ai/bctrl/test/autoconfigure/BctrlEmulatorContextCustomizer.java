package ai.bctrl.test.autoconfigure;

import java.time.Duration;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

import ai.bctrl.emulator.BctrlEmulator;

/**
 * {@link ContextCustomizer} that starts a {@link BctrlEmulator} for the context,
 * registers it as a bean with a {@code BctrlConnectionDetails} bean that points the
 * client at it, and stops it when the context is closed (or fails to refresh). Equal when
 * the emulator settings are equal, so that test classes with the same settings share a
 * cached context.
 */
final class BctrlEmulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "bctrlEmulator";

	static final String CONNECTION_DETAILS_BEAN_NAME = "bctrlEmulatorConnectionDetails";

	private static final String CONNECTION_DETAILS_CLASS = "ai.bctrl.autoconfigure.BctrlConnectionDetails";

	private static final Log logger = LogFactory.getLog(BctrlEmulatorContextCustomizer.class);

	private final String apiKey;

	private final Duration cancellingDelay;

	private final boolean autoProgress;

	BctrlEmulatorContextCustomizer(String apiKey, Duration cancellingDelay, boolean autoProgress) {
		this.apiKey = apiKey;
		this.cancellingDelay = cancellingDelay;
		this.autoProgress = autoProgress;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		BctrlEmulator emulator = BctrlEmulator.builder()
			.port(0)
			.apiKey(this.apiKey)
			.cancellingDelay(this.cancellingDelay)
			.autoProgress(this.autoProgress)
			.build()
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, emulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// Destroyed with the singletons: on close, and when the refresh fails.
			registry.registerDisposableBean(BEAN_NAME, emulator::stop);
		}
		else {
			context.addApplicationListener(new StopOnClose(context, emulator));
		}
		// Without the auto-configuration there is no client to point at the emulator.
		if (ClassUtils.isPresent(CONNECTION_DETAILS_CLASS, context.getClassLoader())) {
			beanFactory.registerSingleton(CONNECTION_DETAILS_BEAN_NAME, new EmulatorConnectionDetails(emulator));
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Started " + emulator + " for the test application context");
		}
	}

	@Override
	public boolean equals(Object obj) {
		if (this == obj) {
			return true;
		}
		if (obj == null || getClass() != obj.getClass()) {
			return false;
		}
		BctrlEmulatorContextCustomizer other = (BctrlEmulatorContextCustomizer) obj;
		return this.apiKey.equals(other.apiKey) && this.cancellingDelay.equals(other.cancellingDelay)
				&& this.autoProgress == other.autoProgress;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.apiKey, this.cancellingDelay, this.autoProgress);
	}

	/**
	 * Stops the emulator when its own context closes (a closing child context publishes
	 * its event to the parent too).
	 */
	private record StopOnClose(ConfigurableApplicationContext context,
			BctrlEmulator emulator) implements ApplicationListener<ContextClosedEvent> {

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			if (event.getApplicationContext() == this.context) {
				this.emulator.stop();
			}
		}

	}

}
