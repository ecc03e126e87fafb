package ai.bctrl.sample;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code demo.exit=true} the application only runs the demo and exits, so it starts
 * no web server: a busy port 8080 cannot fail a script or a CI run. Any explicit
 * {@code spring.main.web-application-type} still wins (this default has the lowest
 * precedence).
 */
class ExitModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (Binder.get(environment).bind("demo.exit", Boolean.class).orElse(false)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("demoExitMode", Map.of("spring.main.web-application-type", "none")));
		}
	}

}
