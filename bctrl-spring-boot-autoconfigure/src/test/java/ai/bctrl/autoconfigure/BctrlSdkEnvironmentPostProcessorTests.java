package ai.bctrl.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BctrlSdkEnvironmentPostProcessor}.
 */
class BctrlSdkEnvironmentPostProcessorTests {

	private final BctrlSdkEnvironmentPostProcessor postProcessor = new BctrlSdkEnvironmentPostProcessor();

	@Test
	void bindsTheSdkBaseUrlVariableAsTheBaseUrlProperty() {
		StandardEnvironment environment = environmentWith(Map.of("BCTRL_BASE_URL", "https://staging.bctrl.example"));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("bctrl.api.base-url")).isEqualTo("https://staging.bctrl.example");
	}

	@Test
	void anExplicitBaseUrlPropertyWinsOverTheSdkVariable() {
		StandardEnvironment environment = environmentWith(Map.of("BCTRL_BASE_URL", "https://staging.bctrl.example"));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("bctrl.api.base-url", "https://api.bctrl.ai")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("bctrl.api.base-url")).isEqualTo("https://api.bctrl.ai");
	}

	@Test
	void addsNothingWithoutTheVariable() {
		StandardEnvironment environment = environmentWith(Map.of());
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(BctrlSdkEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("bctrl.api.base-url")).isNull();
	}

	@Test
	void appliesToASpringApplicationThroughSpringFactories() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environmentWith(Map.of("BCTRL_BASE_URL", "https://staging.bctrl.example")));
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getEnvironment().getProperty("bctrl.api.base-url"))
				.isEqualTo("https://staging.bctrl.example");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	private static StandardEnvironment environmentWith(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

}
