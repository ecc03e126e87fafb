package ai.bctrl.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection: every kind, how many requests it hits, and which.
 */
class FaultTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).autoProgress(false).build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final String id = this.emulator.seed(OperationState.RUNNING);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private EmulatorHttp.Response get() {
		return this.http.get("/v1/operations/" + this.id);
	}

	@Test
	void answersWithStatusAndRetryAfter() {
		this.emulator.faults().next(1).status(503, Duration.ofMillis(1500));
		EmulatorHttp.Response response = get();
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("retry-after")).isEqualTo("2");
		assertThat(response.header("content-type")).isEqualTo("application/json");
		assertThat(response.json().get("code").asString()).isEqualTo("server.unavailable");
		assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("x-request-id"));
	}

	@Test
	void answersWithStatusWithoutRetryAfter() {
		this.emulator.faults().next(1).status(429);
		EmulatorHttp.Response response = get();
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.header("retry-after")).isNull();
		assertThat(response.json().get("code").asString()).isEqualTo("rate_limited");
	}

	@Test
	void answersWithRawRetryAfterAndCustomBody() {
		String date = "Wed, 21 Oct 2037 07:28:00 GMT";
		this.emulator.faults().next(1).status(409, date, "{\"error\":{\"code\":\"conflict\",\"message\":\"no\"}}");
		EmulatorHttp.Response response = this.http.cancel(this.id);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.header("retry-after")).isEqualTo(date);
		assertThat(response.body()).isEqualTo("{\"error\":{\"code\":\"conflict\",\"message\":\"no\"}}");
	}

	@Test
	void hitsOnlyTheNextRequestsThenAnswersNormally() {
		Fault fault = this.emulator.faults().next(2).status(500);
		assertThat(IntStream.range(0, 4).map((i) -> get().status())).containsExactly(500, 500, 200, 200);
		assertThat(fault.triggered()).isEqualTo(2);
		assertThat(fault.isActive()).isFalse();
		assertThat(this.emulator.faults().all()).isEmpty();
	}

	@Test
	void hitsAboutTheGivenShareOfRequests() {
		Fault fault = this.emulator.faults().share(0.5).status(502);
		long failed = IntStream.range(0, 200).map((i) -> get().status()).filter((status) -> status == 502).count();
		// Binomial(200, 0.5): outside [60, 140] with probability below 1e-8.
		assertThat(failed).isBetween(60L, 140L);
		assertThat(fault.triggered()).isEqualTo((int) failed);
	}

	@Test
	void combinesShareWithACount() {
		this.emulator.faults().share(0.5).next(3).status(500);
		long failed = IntStream.range(0, 100).map((i) -> get().status()).filter((status) -> status == 500).count();
		assertThat(failed).isEqualTo(3);
	}

	@Test
	void hitsOnlyRequestsMatchingMethodAndPath() {
		this.emulator.faults().always().method("POST").path("/v1/operations/*/cancel").status(503);
		assertThat(get().status()).isEqualTo(200);
		assertThat(this.http.post("/v1/operations/" + this.id + "/wait", "{\"timeoutMs\":0}").status()).isEqualTo(200);
		assertThat(this.http.cancel(this.id).status()).isEqualTo(503);
		assertThat(this.http.cancel(this.id).status()).isEqualTo(503);
	}

	@Test
	void matchesAcrossSegmentsWithDoubleStar() {
		this.emulator.faults().always().path("/v1/**").status(500);
		assertThat(get().status()).isEqualTo(500);
		assertThat(this.http.get("/other").status()).isEqualTo(404);
	}

	@Test
	void appliesTheFirstInstalledFaultThatFires() {
		this.emulator.faults().next(1).status(503);
		this.emulator.faults().next(1).status(429);
		assertThat(IntStream.range(0, 3).map((i) -> get().status())).containsExactly(503, 429, 200);
	}

	@Test
	void appliesBeforeAuthentication() {
		this.emulator.faults().next(1).status(503);
		assertThat(this.http.withAuthorization(null).get("/v1/operations/" + this.id).status()).isEqualTo(503);
	}

	@Test
	void delaysTheResponse() {
		this.emulator.faults().next(1).latency(Duration.ofMillis(150));
		long start = System.nanoTime();
		EmulatorHttp.Response response = get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.operationStatus()).isEqualTo("running");
	}

	@Test
	void resetsTheConnectionWithoutAResponse() {
		this.emulator.faults().next(1).connectionReset();
		assertThatExceptionOfType(SocketException.class)
			.isThrownBy(() -> RawHttp.exchange(this.emulator, "GET", "/v1/operations/" + this.id))
			.withMessageContaining("reset");
	}

	@Test
	void failsTheHttpClientOnConnectionReset() {
		this.emulator.faults().next(1).connectionReset();
		// A POST: the JDK client silently retries a GET once on a dropped connection.
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.http.cancel(this.id));
		assertThat(this.http.cancel(this.id).status()).isEqualTo(200);
	}

	@Test
	void holdsTheRequestWithoutAnsweringUntilTheClientCloses() throws IOException {
		this.emulator.faults().next(1).noAnswer();
		try (Socket socket = new Socket("127.0.0.1", this.emulator.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /v1/operations/" + this.id + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> !this.emulator.requests().isEmpty());
			assertThat(this.emulator.requests()).extracting(RecordedRequest::fault)
				.containsExactly(FaultKind.NO_ANSWER);
			assertThat(this.emulator.inFlightRequests()).isOne();
			assertThat(socket.getInputStream().available()).isZero();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.inFlightRequests() == 0);
		assertThat(get().status()).isEqualTo(200);
	}

	@Test
	void sendsHalfTheBodyThenCloses() throws IOException {
		String full = get().body();
		this.emulator.faults().next(1).truncatedBody();
		String received = RawHttp.exchange(this.emulator, "GET", "/v1/operations/" + this.id);
		String[] parts = received.split("\r\n\r\n", 2);
		assertThat(parts[0]).startsWith("HTTP/1.1 200 OK")
			.containsIgnoringCase("content-length: " + full.length())
			.containsIgnoringCase("content-type: application/json");
		assertThat(parts[1]).isEqualTo(full.substring(0, full.length() / 2));
	}

	@Test
	void failsTheHttpClientOnATruncatedBody() {
		this.emulator.faults().next(1).truncatedBody();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(this::get);
		assertThat(get().status()).isEqualTo(200);
	}

	@Test
	void answersWithAnHtmlPageLikeAProxy() {
		this.emulator.faults().next(1).nonJsonBody();
		EmulatorHttp.Response response = get();
		assertThat(response.status()).isEqualTo(502);
		assertThat(response.header("content-type")).isEqualTo("text/html");
		assertThat(response.body()).startsWith("<html>").contains("502 Bad Gateway");
	}

	@Test
	void answersWithAnHtmlPageWithAnotherStatus() {
		this.emulator.faults().next(1).nonJsonBody(504);
		EmulatorHttp.Response response = get();
		assertThat(response.status()).isEqualTo(504);
		assertThat(response.body()).contains("504 Gateway Timeout");
	}

	@Test
	void logsTheFaultThatHitARequest() {
		this.emulator.faults().next(1).status(503);
		this.emulator.faults().next(1).connectionReset();
		get();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.http.cancel(this.id));
		get();
		List<RecordedRequest> requests = this.emulator.requests();
		assertThat(requests).extracting(RecordedRequest::fault)
			.containsExactly(FaultKind.STATUS, FaultKind.CONNECTION_RESET, null);
		assertThat(requests).extracting(RecordedRequest::status).containsExactly(503, 0, 200);
	}

	@Test
	void stopsHittingARemovedFault() {
		Fault fault = this.emulator.faults().always().status(500);
		assertThat(get().status()).isEqualTo(500);
		fault.remove();
		assertThat(get().status()).isEqualTo(200);
		assertThat(fault.isActive()).isFalse();
	}

	@Test
	void leavesTheControlApiAlone() {
		this.emulator.faults().always().status(500);
		assertThat(this.http.get("/_emulator/faults").status()).isEqualTo(200);
	}

	@Test
	void describesItself() {
		Fault fault = this.emulator.faults().next(3).method("POST").path("/v1/**").status(503, Duration.ofSeconds(2));
		assertThat(fault).hasToString("Fault[fault-1 status 503 Retry-After 2, 3 left, POST /v1/**]");
	}

	@Test
	void rejectsInvalidFaults() {
		Faults faults = this.emulator.faults();
		assertThatIllegalArgumentException().isThrownBy(() -> faults.next(0));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.share(0));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.share(1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.always().status(204));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.always().status(99));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.always().path("v1"));
		assertThatIllegalArgumentException().isThrownBy(() -> faults.always().latency(Duration.ofMillis(-1)));
		assertThat(faults.all()).isEmpty();
	}

}
