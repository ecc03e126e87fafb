package ai.bctrl.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import ai.bctrl.emulator.BctrlEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application started as {@link SampleApplication#main} starts it, for the
 * exit status of {@code --demo.exit=true} and the choice between emulator and real API.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationExitTests {

	private static final String FAST_EMULATOR = "--demo.emulator.cancelling-delay=20ms";

	@Test
	void demoExitRunsTheDemoWithoutAWebServerAndExitsWithStatusZero(CapturedOutput output) throws IOException {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--demo.exit=true",
				FAST_EMULATOR);
		assertThat(SampleApplication.exitRequested(context)).isTrue();
		assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		int emulatorPort = context.getBean(BctrlEmulator.class).port();
		assertThat(SpringApplication.exit(context)).isZero();
		assertThat(context.isActive()).isFalse();
		assertThat(isListening(emulatorPort)).as("emulator stopped with the context").isFalse();
		assertThat(output).contains("bctrl demo: 7 operations seeded",
				"All 6 operations that had not finished are cancelled", "Not serving (demo.exit=true)",
				"Exiting with status 0");
	}

	@Test
	void failedDemoExitsWithStatusOneAndSaysWhy(CapturedOutput output) {
		// Without retries the injected 503 reaches the demo.
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--demo.exit=true",
				FAST_EMULATOR, "--bctrl.api.retry.max-attempts=1");
		assertThat(SpringApplication.exit(context)).isOne();
		assertThat(output).contains("bctrl demo FAILED: step 'cancel, 503 injected' failed: cancel operation",
				"HTTP 503", "Exiting with status 1");
	}

	@Test
	void stepThatTakesTooLongFailsTheDemoInsteadOfHanging(CapturedOutput output) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--demo.exit=true",
				FAST_EMULATOR, "--demo.step-timeout=1ms");
		assertThat(SpringApplication.exit(context)).isOne();
		assertThat(output)
			.contains("bctrl demo FAILED: step 'cancel' did not finish within PT0.001S (demo.step-timeout)");
	}

	@Test
	void bctrlProfileUsesTheRealApiAndStartsNoEmulatorAndNoDemo(CapturedOutput output) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--demo.exit=true",
				"--spring.profiles.active=bctrl", "--bctrl.api.key=sk-test");
		assertThat(context.getBeanProvider(BctrlEmulator.class).getIfAvailable()).isNull();
		assertThat(context.getEnvironment().getProperty("bctrl.api.base-url")).isEqualTo("https://api.bctrl.ai");
		assertThat(SpringApplication.exit(context)).isZero();
		assertThat(output).contains("bctrl demo skipped: the application uses the bctrl API at https://api.bctrl.ai")
			.doesNotContain("Started the bctrl emulator");
	}

	@Test
	void explicitBaseUrlStartsNoEmulator() {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--demo.exit=true",
				"--bctrl.api.base-url=https://bctrl.example", "--bctrl.api.key=sk-test");
		assertThat(context.getBeanProvider(BctrlEmulator.class).getIfAvailable()).isNull();
		assertThat(SpringApplication.exit(context)).isZero();
	}

	private static boolean isListening(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
	}

}
