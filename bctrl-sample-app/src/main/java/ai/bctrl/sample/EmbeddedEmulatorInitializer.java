package ai.bctrl.sample;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;
import ai.bctrl.emulator.BctrlEmulator;

/**
 * Starts a {@link BctrlEmulator} before the application context is refreshed, so before
 * the {@code OperationsClient} is created, and points the client at it with a
 * {@link BctrlConnectionDetails} bean (connection details win over the
 * {@code bctrl.api.*} properties, the way Boot's own connection details do). The emulator
 * is a bean named {@value #BEAN_NAME} and is stopped with the context.
 *
 * <p>
 * Nothing is started when the application is meant to use a real API: with the
 * {@value #REAL_API_PROFILE} profile, or when {@code bctrl.api.base-url} is set.
 * Registered in {@code META-INF/spring.factories}, so tests of this application get it
 * too.
 */
class EmbeddedEmulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String BEAN_NAME = "bctrlEmulator";

	static final String REAL_API_PROFILE = "bctrl";

	static final String CONNECTION_DETAILS_BEAN_NAME = "bctrlEmulatorConnectionDetails";

	private static final Log logger = LogFactory.getLog(EmbeddedEmulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Binder binder = Binder.get(environment);
		if (environment.matchesProfiles(REAL_API_PROFILE)
				|| binder.bind("bctrl.api.base-url", String.class).isBound()) {
			return;
		}
		DemoProperties.Emulator settings = binder.bind("demo", DemoProperties.class)
			.orElseGet(DemoProperties::new)
			.getEmulator();
		BctrlEmulator emulator = BctrlEmulator.builder()
			.port(settings.getPort())
			.cancellingDelay(settings.getCancellingDelay())
			.build()
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, emulator);
		// Stopped with the singletons: when the context closes, and when it fails to
		// start.
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, emulator::stop);
		beanFactory.registerSingleton(CONNECTION_DETAILS_BEAN_NAME, new EmulatorConnectionDetails(emulator));
		logger.info("Started the bctrl emulator at " + emulator.baseUrl() + " (API key '" + emulator.apiKey()
				+ "'); activate the '" + REAL_API_PROFILE + "' profile to use the real bctrl API");
	}

	/**
	 * Where the embedded emulator listens, and its key.
	 *
	 * @param emulator the emulator
	 */
	private record EmulatorConnectionDetails(BctrlEmulator emulator) implements BctrlConnectionDetails {

		@Override
		public URI baseUrl() {
			return URI.create(this.emulator.baseUrl());
		}

		@Override
		public String apiKey() {
			return this.emulator.apiKey();
		}

	}

}
