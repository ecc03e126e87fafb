package ai.bctrl.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A WebFlux application that uses the bctrl starter the way any application would: it
 * injects the auto-configured {@link ai.bctrl.operations.OperationsClient}, serves
 * {@code POST /operations/{id}/cancel} and {@code GET /operations/{id}}, and exposes the
 * client's health and metrics through Actuator.
 *
 * <p>
 * By default it runs against a bctrl emulator started in-process (see
 * {@link EmbeddedEmulatorInitializer}) and runs a short demo at startup
 * ({@link DemoRunner}). With the {@code bctrl} profile, or when
 * {@code bctrl.api.base-url} is set, it uses that API and starts no emulator. With
 * {@code --demo.exit=true} it runs the demo and exits: with status 0 when the demo
 * succeeded, 1 when it failed.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class SampleApplication {

	/**
	 * Run the application.
	 * @param args the command-line arguments, for example {@code --demo.exit=true}
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (exitRequested(context)) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Whether the application should exit once started ({@code demo.exit=true}).
	 * @param context the started application context
	 * @return whether to exit
	 */
	static boolean exitRequested(ConfigurableApplicationContext context) {
		return context.getBean(DemoProperties.class).isExit();
	}

}
