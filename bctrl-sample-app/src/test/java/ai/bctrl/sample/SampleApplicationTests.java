package ai.bctrl.sample;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;
import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.RecordedRequest;
import ai.bctrl.emulator.Seed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as it starts by default: against the embedded emulator, with the
 * demo run at startup, serving its endpoints and Actuator's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "demo.emulator.cancelling-delay=20ms", "bctrl.api.retry.initial-backoff=1ms" })
@AutoConfigureWebTestClient
class SampleApplicationTests {

	@Autowired
	private WebTestClient web;

	@Autowired
	private BctrlEmulator emulator;

	@Autowired
	private DemoRunner demo;

	@Test
	void startsTheEmbeddedEmulatorAndPointsTheClientAtIt(@Autowired BctrlConnectionDetails connectionDetails) {
		assertThat(connectionDetails.baseUrl()).hasToString(this.emulator.baseUrl());
		assertThat(connectionDetails.apiKey()).isEqualTo(this.emulator.apiKey());
	}

	@Test
	void demoCancelsEverySeededOperationThatHadNotFinished() {
		Demo.Report report = this.demo.report();
		assertThat(report).isNotNull();
		assertThat(this.demo.getExitCode()).isZero();
		assertThat(report.seeded()).hasSize(7)
			.containsValues(OperationState.QUEUED, OperationState.DISPATCHING, OperationState.RUNNING,
					OperationState.SUCCEEDED);
		report.seeded()
			.forEach((id, seededState) -> assertThat(this.emulator.operation(id))
				.hasValueSatisfying((operation) -> assertThat(operation.state()).as(id)
					.isEqualTo(seededState.isTerminal() ? seededState : OperationState.CANCELLED)));
		assertThat(report.rows()).extracting(Demo.Row::call)
			.containsExactly("cancel", "cancelAndAwait", "cancel, 503 injected", "cancelAll", "cancelAll", "cancelAll",
					"cancelAll");
		assertThat(report.rows()).filteredOn((row) -> row.call().contains("503"))
			.singleElement()
			.extracting(Demo.Row::responses)
			.isEqualTo(List.of(503, 200));
		assertThat(report.rows()).filteredOn((row) -> row.before() == OperationState.QUEUED)
			.singleElement()
			.extracting(Demo.Row::responses)
			.isEqualTo(List.of(429, 200));
	}

	@Test
	void cancelEndpointCancelsTheOperation() {
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		this.web.post()
			.uri("/operations/{id}/cancel", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.isEqualTo("CANCELLING");
		assertThat(this.emulator.operation(id).orElseThrow().cancelRequestedAt()).isNotNull();
	}

	@Test
	void getEndpointReturnsTheOperation() {
		String id = this.emulator.seed(Seed.of(OperationState.QUEUED).frozen(true)).get(0);
		this.web.get()
			.uri("/operations/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.isEqualTo("QUEUED")
			.jsonPath("$.runtimeKind")
			.isEqualTo("BROWSER");
	}

	@Test
	void unknownOperationIsANotFoundProblemDetail() {
		this.web.get()
			.uri("/operations/{id}", "no-such-operation")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.title")
			.isEqualTo("Operation not found")
			.jsonPath("$.detail")
			.isEqualTo("bctrl has no operation no-such-operation")
			.jsonPath("$.operationId")
			.isEqualTo("no-such-operation")
			.jsonPath("$.bctrlErrorCode")
			.isEqualTo("operation.not_found")
			.jsonPath("$.bctrlRequestId")
			.value((String requestId) -> assertThat(requestId).isNotBlank());
	}

	@Test
	void failingBctrlIsABadGatewayProblemDetailAfterTheRetries() {
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		this.emulator.faults().next(3).path("/v1/operations/" + id + "/cancel").status(500);
		this.web.post()
			.uri("/operations/{id}/cancel", id)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectBody()
			.jsonPath("$.attempts")
			.isEqualTo(3)
			.jsonPath("$.bctrlStatus")
			.isEqualTo(500);
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "\t", "\u3000" })
	void blankIdIsABadRequestProblemDetail(String id) {
		this.web.get()
			.uri("/operations/{id}", id)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The operation id must not be blank");
		this.web.post()
			.uri("/operations/{id}/cancel", id)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400);
		assertThat(this.emulator.requests()).extracting(RecordedRequest::path)
			.noneMatch((path) -> path.matches("/v1/operations/(%20|%09|%E3%80%80)?(/cancel)?"));
	}

	@Test
	void problemDetailRevealsNoUpstreamAddressExceptionOrProperty() {
		String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		this.emulator.faults().always().path("/v1/operations/" + id + "/cancel").connectionReset();
		String body = this.web.post()
			.uri("/operations/{id}/cancel", id)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("bctrl could not be reached for operation " + id + " after 3 attempts")
			.doesNotContain(":" + this.emulator.port())
			.doesNotContain("127.0.0.1")
			.doesNotContain("Exception")
			.doesNotContain("bctrl.api.");
	}

	@Test
	void prometheusEndpointExposesTheClientMetrics() {
		this.web.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("bctrl_client_requests_seconds_count")
				.contains("resilience4j_retry_calls_total"));
	}

	@Test
	void healthShowsTheBctrlContributorWithDetails() {
		this.web.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.bctrl.status")
			.isEqualTo("UP")
			.jsonPath("$.components.bctrl.details.baseUrl")
			.isEqualTo(this.emulator.baseUrl());
	}

}
