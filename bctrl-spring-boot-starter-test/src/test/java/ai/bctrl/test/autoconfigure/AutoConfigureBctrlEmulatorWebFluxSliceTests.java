package ai.bctrl.test.autoconfigure;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.Seed;
import ai.bctrl.operations.BctrlException;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureBctrlEmulator} in a {@link WebFluxTest} slice, which has no
 * auto-configuration of its own for the client: the annotation imports it, and
 * {@code @Nested} tests inherit the emulator.
 */
@WebFluxTest
@AutoConfigureBctrlEmulator(cancellingDelay = "10ms")
class AutoConfigureBctrlEmulatorWebFluxSliceTests {

	@Autowired
	private WebTestClient web;

	@Autowired
	private BctrlEmulator emulator;

	@Test
	void controllerCancelsThroughTheImportedClient() {
		String id = this.emulator.seed(Seed.of(OperationState.QUEUED).frozen(true)).get(0);
		this.web.post()
			.uri("/jobs/{id}/stop", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("cancelled");
	}

	@Nested
	class WhenBctrlKeepsFailing {

		@Autowired
		private BctrlEmulator nestedEmulator;

		@Test
		void nestedTestSharesTheEmulator() {
			assertThat(this.nestedEmulator).isSameAs(AutoConfigureBctrlEmulatorWebFluxSliceTests.this.emulator);
		}

		@Test
		void controllerReportsTheFailure() {
			String id = this.nestedEmulator.seed(OperationState.RUNNING);
			this.nestedEmulator.faults().always().status(409);
			AutoConfigureBctrlEmulatorWebFluxSliceTests.this.web.post()
				.uri("/jobs/{id}/stop", id)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.BAD_GATEWAY)
				.expectBody(String.class)
				.value((body) -> assertThat(body).contains("409"));
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@Import(JobController.class)
	static class SliceApplication {

	}

	@RestController
	static class JobController {

		private final OperationsClient operations;

		JobController(OperationsClient operations) {
			this.operations = operations;
		}

		@PostMapping("/jobs/{id}/stop")
		Mono<ResponseEntity<String>> stop(@PathVariable String id) {
			return this.operations.cancel(id)
				.map((operation) -> ResponseEntity.ok(operation.status().name().toLowerCase()))
				.onErrorResume(BctrlException.class,
						(ex) -> Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(ex.getMessage())));
		}

	}

}
