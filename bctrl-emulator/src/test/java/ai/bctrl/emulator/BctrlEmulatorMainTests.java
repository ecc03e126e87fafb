package ai.bctrl.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.bctrl.emulator.BctrlEmulatorMain.Options;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command-line handling of the standalone emulator.
 */
class BctrlEmulatorMainTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void usesTheDocumentedDefaults() {
		assertThat(Options.parse(new String[0]))
			.isEqualTo(new Options(8787, "127.0.0.1", "emulator-key", 0, null, false));
	}

	@Test
	void parsesEveryOption() {
		Options options = Options.parse(new String[] { "--port", "9000", "--api-key=secret", "--seed", "3", "--host",
				"0.0.0.0", "--control-token", "t" });
		assertThat(options).isEqualTo(new Options(9000, "0.0.0.0", "secret", 3, "t", false));
	}

	@Test
	void printsUsageForHelp() throws InterruptedException {
		assertThat(run("--port", "1", "--help")).isZero();
		assertThat(text(this.out)).startsWith("Usage: java -jar").contains("--api-key KEY");
		assertThat(text(this.err)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "--port=x", "--port=65536", "--port=-1", "--seed=-1", "--verbose", "--api-key=", "--port",
			"8787" })
	void rejectsBadArgumentsWithUsageAndStatusTwo(String argument) throws InterruptedException {
		assertThat(run(argument)).isEqualTo(2);
		assertThat(text(this.err)).startsWith("Error: ").contains("Usage: java -jar");
		assertThat(text(this.out)).isEmpty();
	}

	@Test
	void saysWhatIsBoundAndWarnsWhenTheControlApiIsReachableFromOtherHosts() {
		BctrlEmulator emulator = BctrlEmulatorMain.start(new Options(0, "0.0.0.0", "k", 0, null, false),
				print(this.out), print(this.err));
		try {
			assertThat(text(this.out)).contains("bound to 0.0.0.0:" + emulator.port() + " (reachable from other hosts)")
				.doesNotContain("listening on http://127.0.0.1");
			assertThat(text(this.err)).contains("WARNING: the control API").contains("--control-token");
		}
		finally {
			emulator.stop();
		}
	}

	@Test
	void doesNotWarnWithAControlToken() {
		BctrlEmulator emulator = BctrlEmulatorMain.start(new Options(0, "0.0.0.0", "k", 0, "t", false), print(this.out),
				print(this.err));
		try {
			assertThat(text(this.err)).isEmpty();
			assertThat(text(this.out)).doesNotContain("Bearer t'");
		}
		finally {
			emulator.stop();
		}
	}

	@Test
	void explainsAPortInUse() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			BctrlEmulator emulator = BctrlEmulatorMain.start(
					new Options(taken.getLocalPort(), "127.0.0.1", "k", 0, null, false), print(this.out),
					print(this.err));
			assertThat(emulator).isNull();
			assertThat(text(this.err)).contains("Cannot bind the emulator to 127.0.0.1:" + taken.getLocalPort())
				.containsIgnoringCase("address already in use")
				.contains("--port 0");
		}
	}

	private int run(String... args) throws InterruptedException {
		return BctrlEmulatorMain.run(args, print(this.out), print(this.err));
	}

	private static PrintStream print(ByteArrayOutputStream target) {
		return new PrintStream(target, true, StandardCharsets.UTF_8);
	}

	private static String text(ByteArrayOutputStream target) {
		return target.toString(StandardCharsets.UTF_8);
	}

}
