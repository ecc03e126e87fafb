package ai.bctrl.test.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;

/**
 * Keeps a test context without {@link AutoConfigureBctrlEmulator} from reaching the real
 * bctrl API by accident (a developer's exported {@code BCTRL_API_KEY} is enough for that,
 * and a cancel there cannot be undone). Once the bean definitions are known, a context
 * that defines an {@code OperationsClient} fails to start when no API key is configured
 * (the failure names the annotation) or when its base URL is not a loopback address, or,
 * when the context defines {@code BctrlConnectionDetails} of its own, when those point at
 * a host that is not loopback; unless {@value #ALLOW_REAL_API_PROPERTY}{@code =true} is
 * set.
 */
final class BctrlRealApiGuard implements BeanFactoryPostProcessor {

	/** Property that lets a test context call the real bctrl API on purpose. */
	static final String ALLOW_REAL_API_PROPERTY = "bctrl.test.allow-real-api";

	static final String CLIENT_CLASS = "ai.bctrl.operations.OperationsClient";

	static final String CONNECTION_DETAILS_CLASS = "ai.bctrl.autoconfigure.BctrlConnectionDetails";

	/** The connection details auto-configuration makes from the properties. */
	private static final String PROPERTIES_CONNECTION_DETAILS_CLASS = "ai.bctrl.autoconfigure.PropertiesBctrlConnectionDetails";

	private static final String DEFAULT_BASE_URL = "https://api.bctrl.ai";

	private final Environment environment;

	private final String testClass;

	BctrlRealApiGuard(Environment environment, String testClass) {
		this.environment = environment;
		this.testClass = testClass;
	}

	/** Only an application with the client can reach the API. */
	static boolean isNeeded() {
		return ClassUtils.isPresent(CLIENT_CLASS, BctrlRealApiGuard.class.getClassLoader());
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.environment.getProperty(ALLOW_REAL_API_PROPERTY, Boolean.class, false)) {
			return;
		}
		Class<?> client = ClassUtils.resolveClassName(CLIENT_CLASS, beanFactory.getBeanClassLoader());
		if (beanFactory.getBeanNamesForType(client, true, false).length == 0) {
			return;
		}
		if (definesConnectionDetails(beanFactory)) {
			// The application's details decide where the client connects, not the
			// properties: check them when they are created.
			beanFactory.addBeanPostProcessor(new ConnectionDetailsCheck(this.testClass));
			return;
		}
		if (!StringUtils.hasText(this.environment.getProperty("bctrl.api.key"))) {
			throw new IllegalStateException("No bctrl API key is configured for the test context of " + this.testClass
					+ ". Add @AutoConfigureBctrlEmulator to the test class to run against an embedded emulator "
					+ "(it sets bctrl.api.base-url and bctrl.api.key), or set bctrl.api.key and "
					+ ALLOW_REAL_API_PROPERTY + "=true to call the real bctrl API on purpose.");
		}
		String baseUrl = this.environment.getProperty("bctrl.api.base-url", DEFAULT_BASE_URL);
		if (!isLoopback(baseUrl)) {
			throw new IllegalStateException("The test context of " + this.testClass + " would call the bctrl API at "
					+ baseUrl + " with a real API key (from BCTRL_API_KEY or bctrl.api.key), where a cancel cannot "
					+ "be undone. Add @AutoConfigureBctrlEmulator to the test class to run against an embedded "
					+ "emulator, or set " + ALLOW_REAL_API_PROPERTY + "=true to call that API on purpose.");
		}
	}

	/**
	 * Whether the context defines {@code BctrlConnectionDetails} of its own, rather than
	 * those of the properties.
	 */
	private static boolean definesConnectionDetails(ConfigurableListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(CONNECTION_DETAILS_CLASS, beanFactory.getBeanClassLoader())) {
			return false;
		}
		Class<?> details = ClassUtils.resolveClassName(CONNECTION_DETAILS_CLASS, beanFactory.getBeanClassLoader());
		for (String name : beanFactory.getBeanNamesForType(details, true, false)) {
			Class<?> type = beanFactory.getType(name, false);
			if (type == null || !PROPERTIES_CONNECTION_DETAILS_CLASS.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

	/** Whether a URL names this machine: an emulator or a stub server of the test. */
	static boolean isLoopback(String url) {
		String host;
		try {
			host = URI.create(url.trim()).getHost();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (host == null) {
			return false;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.equals("localhost") || host.endsWith(".localhost")) {
			return true;
		}
		if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
			return false;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Fails the creation of {@code BctrlConnectionDetails} that point at a host that is
	 * not loopback.
	 */
	private static final class ConnectionDetailsCheck implements BeanPostProcessor {

		private final String testClass;

		ConnectionDetailsCheck(String testClass) {
			this.testClass = testClass;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof BctrlConnectionDetails details && !isLoopback(String.valueOf(details.baseUrl()))) {
				throw new IllegalStateException(
						"The test context of " + this.testClass + " would call the bctrl API at " + details.baseUrl()
								+ " (from the BctrlConnectionDetails bean '" + beanName
								+ "'), where a cancel cannot be undone. Add @AutoConfigureBctrlEmulator to the test "
								+ "class to run against an embedded emulator, or set " + ALLOW_REAL_API_PROPERTY
								+ "=true to call that API on purpose.");
			}
			return bean;
		}

	}

	/**
	 * Adds the guard to a test context without {@link AutoConfigureBctrlEmulator}. All
	 * instances are equal, so the guard never splits the context cache.
	 */
	static final class Customizer implements ContextCustomizer {

		private final String testClass;

		Customizer(String testClass) {
			this.testClass = testClass;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			context.addBeanFactoryPostProcessor(new BctrlRealApiGuard(context.getEnvironment(), this.testClass));
		}

		@Override
		public boolean equals(Object obj) {
			return obj != null && obj.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
