package ai.bctrl.test.autoconfigure.parallel;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationSnapshot;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.Seed;
import ai.bctrl.operations.CancelResult;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.test.autoconfigure.AutoConfigureBctrlEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that seed, cancel and assert on everything the shared emulator holds; the suite
 * runs them in several classes at once in JUnit's parallel mode (see
 * {@code junit-platform.properties}). Without the annotation's resource lock, one test's
 * reset deletes another's operations and the counts of operations and requests mix.
 */
@SpringBootTest(properties = "bctrl.api.retry.initial-backoff=1ms")
@AutoConfigureBctrlEmulator(cancellingDelay = "10ms")
abstract class ParallelEmulatorTestCase {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private BctrlEmulator emulator;

	@Autowired
	private OperationsClient operations;

	@RepeatedTest(4)
	void seedsAndCancelsOperationsThatNoOtherTestTouches() {
		List<String> ids = this.emulator.seed(Seed.of(OperationState.RUNNING).count(20).frozen(true));
		List<CancelResult> results = this.operations.cancelAll(Flux.fromIterable(ids)).collectList().block(TIMEOUT);
		assertThat(results).hasSize(20).allSatisfy((result) -> assertThat(result.isSuccess()).isTrue());
		assertThat(this.emulator.operations()).extracting(OperationSnapshot::id)
			.containsExactlyInAnyOrderElementsOf(ids);
		assertThat(this.emulator.requests()).hasSize(20);
	}

	@RepeatedTest(4)
	void readsOperationsSeededByItself() {
		String id = this.emulator.seed(Seed.of(OperationState.QUEUED).frozen(true)).get(0);
		assertThat(this.operations.get(id).block(TIMEOUT).id()).isEqualTo(id);
		assertThat(this.emulator.operations()).singleElement()
			.satisfies((operation) -> assertThat(operation.id()).isEqualTo(id));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UserApplication {

	}

}
