package ai.bctrl.operations.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.RecordedRequest;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client without Spring Boot: a plain {@code main} program, in a package of its own
 * so that it can use only the public API, cancels an operation on the emulator.
 */
class PlainJavaProgramTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder()
		.port(0)
		// The operation waits for the cancel however slow the machine.
		.autoProgress(false)
		.build()
		.start();

	@AfterEach
	void stopEmulator() {
		this.emulator.stop();
	}

	@Test
	void runsWithoutSpringBootOnTheClassPath() {
		assertThat(isPresent("org.springframework.boot.SpringApplication")).isFalse();
		assertThat(isPresent("org.springframework.boot.autoconfigure.EnableAutoConfiguration")).isFalse();
	}

	@Test
	void plainMainProgramCancelsAnOperationOnTheEmulator() {
		String id = this.emulator.seed(OperationState.RUNNING);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = System.out;
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			CancelProgram.main(new String[] { this.emulator.baseUrl(), this.emulator.apiKey(), id });
		}
		finally {
			System.setOut(out);
		}
		assertThat(printed.toString(StandardCharsets.UTF_8).trim()).isIn(id + " CANCELLING", id + " CANCELLED");
		assertThat(this.emulator.operation(id).orElseThrow().state()).isIn(OperationState.CANCELLING,
				OperationState.CANCELLED);
		assertThat(this.emulator.requests()).extracting(RecordedRequest::path)
			.containsExactly("/v1/operations/" + id + "/cancel");
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, PlainJavaProgramTests.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	/**
	 * What a user writes without Spring Boot: settings, a client, one blocking cancel.
	 */
	static final class CancelProgram {

		private CancelProgram() {
		}

		public static void main(String[] args) {
			OperationsClientSettings settings = OperationsClientSettings.builder()
				.baseUrl(args[0])
				.apiKey(args[1])
				.build();
			OperationsClient client = OperationsClient.builder(settings).build();
			Operation operation = client.cancel(args[2]).block(Duration.ofSeconds(30));
			System.out.println(operation.id() + " " + operation.status());
		}

	}

}
