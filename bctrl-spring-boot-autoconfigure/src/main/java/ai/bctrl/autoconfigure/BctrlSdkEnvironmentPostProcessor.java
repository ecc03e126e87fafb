package ai.bctrl.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Reads {@code BCTRL_BASE_URL}, the base URL variable of the official bctrl SDKs, as
 * {@code bctrl.api.base-url} (the key's {@code BCTRL_API_KEY} binds by relaxed binding
 * already). It has the lowest precedence: any {@code bctrl.api.base-url} set elsewhere
 * wins, so an application that sets the property explicitly is never redirected by a
 * variable meant for an SDK.
 */
class BctrlSdkEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String BASE_URL_VARIABLE = "BCTRL_BASE_URL";

	static final String PROPERTY_SOURCE_NAME = "bctrlSdkEnvironment";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String baseUrl = environment.getProperty(BASE_URL_VARIABLE);
		if (StringUtils.hasText(baseUrl)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of(OperationsClientSettingsFactory.BASE_URL, baseUrl.trim())));
		}
	}

}
