package ai.bctrl.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Starting, stopping and configuring an embedded emulator.
 */
class BctrlEmulatorTests {

	@Test
	void startsOnAFreePortAndStopsListening() throws IOException {
		BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start();
		int port = emulator.port();
		assertThat(port).isPositive();
		assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
		new Socket("127.0.0.1", port).close();
		emulator.stop();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
	}

	@Test
	void answersAsSoonAsStartReturns() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start()) {
			assertThat(new EmulatorHttp(emulator).get("/v1/operations/x").status()).isEqualTo(404);
		}
	}

	@Test
	void servesOnEventLoopsOfItsOwnAndShutsThemDown() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start()) {
			new EmulatorHttp(emulator).get("/v1/operations/x");
			assertThat(emulatorThreads()).anyMatch((name) -> name.startsWith("bctrl-emulator-nio-"))
				.anyMatch((name) -> name.startsWith("bctrl-emulator-select-nio-"));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> emulatorThreads().isEmpty());
	}

	private static Set<String> emulatorThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("bctrl-emulator"))
			.collect(Collectors.toSet());
	}

	@Test
	void dropsHeldWaitsWhenStopped() {
		BctrlEmulator emulator = BctrlEmulator.builder().port(0).autoProgress(false).build().start();
		String id = emulator.seed(OperationState.RUNNING);
		CompletableFuture<EmulatorHttp.Response> wait = new EmulatorHttp(emulator).sendAsync("POST",
				"/v1/operations/" + id + "/wait", "{\"timeoutMs\": 10000}");
		await().atMost(Duration.ofSeconds(10)).until(() -> emulator.inFlightRequests() == 1);
		emulator.stop();
		assertThat(wait).failsWithin(Duration.ofSeconds(5));
		assertThat(emulator.inFlightRequests()).isZero();
	}

	@Test
	void saysWhyThePortCannotBeBound() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			BctrlEmulator emulator = BctrlEmulator.builder().port(taken.getLocalPort()).build();
			assertThatIllegalStateException().isThrownBy(emulator::start)
				.withMessageStartingWith("Cannot bind the emulator to 127.0.0.1:" + taken.getLocalPort())
				.withMessageContaining("Address already in use")
				.withMessageEndingWith("port 0 picks a free port");
		}
	}

	@Test
	void startsOnlyOnce() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start()) {
			assertThatIllegalStateException().isThrownBy(emulator::start);
		}
	}

	@Test
	void stopsMoreThanOnce() {
		BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start();
		emulator.stop();
		emulator.close();
	}

	@Test
	void hasNoPortBeforeStart() {
		BctrlEmulator emulator = BctrlEmulator.builder().port(0).build();
		assertThatIllegalStateException().isThrownBy(emulator::port);
		assertThatIllegalStateException().isThrownBy(emulator::baseUrl);
		emulator.stop();
	}

	@Test
	void failsToStartOnAPortInUseAndShutsDown() throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", 0));
			BctrlEmulator emulator = BctrlEmulator.builder().port(taken.getLocalPort()).build();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(emulator::start);
			await().atMost(Duration.ofSeconds(5)).until(() -> emulatorThreads().isEmpty());
		}
	}

	@Test
	void usesTheDefaultApiKey() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start()) {
			assertThat(emulator.apiKey()).isEqualTo("emulator-key").isEqualTo(BctrlEmulator.DEFAULT_API_KEY);
			String id = emulator.seed(OperationState.QUEUED);
			EmulatorHttp http = new EmulatorHttp(emulator).withAuthorization("Bearer emulator-key");
			assertThat(http.get("/v1/operations/" + id).status()).isEqualTo(200);
		}
	}

	@Test
	void seedsSeveralOperationsInOrder() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).autoProgress(false).build().start()) {
			assertThat(emulator.seed(OperationState.DISPATCHING, 3)).hasSize(3).doesNotHaveDuplicates();
			assertThat(emulator.operations()).hasSize(3)
				.allSatisfy((operation) -> assertThat(operation.state()).isEqualTo(OperationState.DISPATCHING));
			assertThat(emulator.operation("unknown")).isEmpty();
		}
	}

	@Test
	void resetsOperationsFaultsAndRequests() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start()) {
			String id = emulator.seed(OperationState.QUEUED);
			emulator.faults().always().path("/nothing").status(500);
			new EmulatorHttp(emulator).get("/v1/operations/" + id);
			emulator.reset();
			assertThat(emulator.operations()).isEmpty();
			assertThat(emulator.faults().all()).isEmpty();
			assertThat(emulator.requests()).isEmpty();
			assertThat(new EmulatorHttp(emulator).get("/v1/operations/" + id).status()).isEqualTo(404);
		}
	}

	@Test
	void rejectsInvalidSettings() {
		BctrlEmulator.Builder builder = BctrlEmulator.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.port(65536));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.apiKey(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.cancellingDelay(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.requestLogLimit(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ioThreads(0));
		assertThatIllegalArgumentException().isThrownBy(() -> BctrlEmulator.builder()
			.defaultWaitTimeout(Duration.ofSeconds(2))
			.maxWaitTimeout(Duration.ofSeconds(1))
			.build());
		assertThatIllegalArgumentException().isThrownBy(() -> Seed.of(OperationState.QUEUED).count(0));
		assertThatIllegalArgumentException().isThrownBy(() -> Seed.of(OperationState.QUEUED).runtimeKind("phone"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Seed.of(OperationState.QUEUED).outcome(OperationState.CANCELLED));
	}

	@Test
	void keepsNoRequestsWithALimitOfZero() {
		try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).requestLogLimit(0).build().start()) {
			new EmulatorHttp(emulator).get("/v1/operations/x");
			assertThat(emulator.requests()).isEmpty();
			assertThat(emulator.maxConcurrentRequests()).isEqualTo(1);
		}
	}

	@Test
	void failsARequestAfterStop() {
		BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start();
		EmulatorHttp http = new EmulatorHttp(emulator);
		emulator.stop();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> http.get("/v1/operations/x"));
	}

}
