package ai.bctrl.sample;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for {@code demo.exit=true}, where the application only runs the demo and
 * exits: no web server (a busy port 8080 cannot fail a script or a CI run), and a short
 * quiet period when Reactor Netty's shared resources shut down (nothing is in flight any
 * more, and the default would hold the exit for 2 s; with none at all, closing pooled
 * connections races the event loops' termination and logs a RejectedExecutionException).
 * These defaults have the lowest precedence, so any explicit setting wins.
 */
class ExitModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (Binder.get(environment).bind("demo.exit", Boolean.class).orElse(false)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("demoExitMode", Map.of("spring.main.web-application-type", "none",
						"spring.reactor.netty.shutdown-quiet-period", "100ms")));
		}
	}

}
