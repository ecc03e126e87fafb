package ai.bctrl.test.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;
import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.FaultKind;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.RecordedRequest;
import ai.bctrl.emulator.Seed;
import ai.bctrl.operations.CancelResult;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An application with the starter, tested with {@link AutoConfigureBctrlEmulator}: the
 * auto-configured {@link OperationsClient} talks to the emulator bean, even though the
 * application's own properties point elsewhere.
 */
@SpringBootTest(properties = { "bctrl.api.base-url=https://api.bctrl.example", "bctrl.api.key=sk-must-not-be-sent",
		"bctrl.api.retry.initial-backoff=1ms" })
@AutoConfigureBctrlEmulator(cancellingDelay = "20ms")
class AutoConfigureBctrlEmulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private BctrlEmulator emulator;

	@Autowired
	private OperationsClient operations;

	@Autowired
	private Environment environment;

	@Autowired
	private BctrlConnectionDetails connectionDetails;

	@Test
	void clientTalksToTheEmulator() {
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		Operation operation = this.operations.get(id).block(TIMEOUT);
		assertThat(operation.id()).isEqualTo(id);
		assertThat(operation.status()).isEqualTo(OperationStatus.RUNNING);
		assertThat(this.emulator.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/v1/operations/" + id);
			assertThat(request.authorized()).isTrue();
		});
	}

	@Test
	void emulatorConnectionDetailsTakePrecedenceOverTheApplicationsProperties() {
		assertThat(this.connectionDetails.baseUrl()).hasToString(this.emulator.baseUrl());
		assertThat(this.emulator.baseUrl()).startsWith("http://127.0.0.1:");
		assertThat(this.connectionDetails.apiKey()).isEqualTo(BctrlEmulator.DEFAULT_API_KEY);
		// The properties are left as configured.
		assertThat(this.environment.getProperty("bctrl.api.base-url")).isEqualTo("https://api.bctrl.example");
		assertThat(this.environment.getProperty("bctrl.api.retry.initial-backoff")).isEqualTo("1ms");
	}

	@Test
	void cancelsSeededOperations() {
		String queued = this.emulator.seed(Seed.of(OperationState.QUEUED).frozen(true)).get(0);
		String running = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		assertThat(this.operations.cancel(queued).block(TIMEOUT).status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(this.operations.cancel(running).block(TIMEOUT).status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.operations.await(running, Duration.ofSeconds(5)).block(TIMEOUT).status())
			.isEqualTo(OperationStatus.CANCELLED);
		assertThat(this.emulator.operation(running))
			.hasValueSatisfying((snapshot) -> assertThat(snapshot.state()).isEqualTo(OperationState.CANCELLED));
	}

	@Test
	void cancelsManyOperations() {
		List<String> ids = this.emulator.seed(Seed.of(OperationState.RUNNING).count(5).frozen(true));
		List<CancelResult> results = this.operations.cancelAll(Flux.fromIterable(ids)).collectList().block(TIMEOUT);
		assertThat(results).hasSize(5).allSatisfy((result) -> assertThat(result.isSuccess()).isTrue());
		assertThat(this.emulator.requests()).hasSize(5);
	}

	@Test
	void retryAbsorbsAFaultInjectedThroughTheEmulator() {
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		this.emulator.faults().next(1).status(503);
		Operation operation = this.operations.cancel(id).block(TIMEOUT);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.emulator.requests()).hasSize(2)
			.extracting(RecordedRequest::status, RecordedRequest::fault)
			.containsExactly(tuple(503, FaultKind.STATUS), tuple(200, null));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UserApplication {

	}

}
