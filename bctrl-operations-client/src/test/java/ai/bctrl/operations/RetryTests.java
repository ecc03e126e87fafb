package ai.bctrl.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.OperationsClientSettings.RetrySettings;
import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.baseUrl;
import static ai.bctrl.operations.WireTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault catalogue 6-10: what the status of a response means for the retry, and how long
 * the client waits.
 */
class RetryTests {

	private final MockWebServer server = WireTestSupport.startServer();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@AfterEach
	void stopServer() {
		this.server.close();
		this.time.dispose();
	}

	@Test
	void retriesServiceUnavailableTwiceThenSucceeds() {
		this.server.enqueue(error(503));
		this.server.enqueue(error(503));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLED));
		TestClient test = client(settings(baseUrl(this.server)).build(), sequence(0.25, 0.999));
		long start = System.nanoTime();
		Operation operation = test.client().cancel("op_1").block(BLOCK);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		// Full jitter: 0.25 of the first ceiling (100 ms), 0.999 of the second (200 ms).
		assertThat(test.waits()).containsExactly(Duration.ofMillis(25), Duration.ofMillis(199));
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(224));
		assertThat(test.retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
	}

	@Test
	void backoffStaysWithinTheFullJitterBounds() {
		RetrySettings retry = RetrySettings.builder()
			.enabled(true)
			.maxAttempts(5)
			.initialBackoff(Duration.ofMillis(10))
			.multiplier(3.0)
			.maxBackoff(Duration.ofMillis(100))
			.maxRetryAfter(Duration.ofSeconds(1))
			.build();
		for (int i = 0; i < 5; i++) {
			this.server.enqueue(error(503));
		}
		TestClient test = client(settings(baseUrl(this.server)).retry(retry).build(), () -> 0.9999);
		catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		// Ceilings 10, 30, 90, then capped at 100 ms.
		assertThat(test.waits()).containsExactly(Duration.ofMillis(9), Duration.ofMillis(29), Duration.ofMillis(89),
				Duration.ofMillis(99));
		assertThat(this.server.getRequestCount()).isEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
	void retriesTransientStatus(int status) {
		this.server.enqueue(error(status));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).build());
		assertThat(test.client().cancel("op_1").block(BLOCK).id()).isEqualTo("op_1");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50));
	}

	@ParameterizedTest
	@CsvSource({ "400, ai.bctrl.operations.BctrlValidationException",
			"401, ai.bctrl.operations.BctrlAuthenticationException",
			"403, ai.bctrl.operations.BctrlPermissionException", "404, ai.bctrl.operations.OperationNotFoundException",
			"409, ai.bctrl.operations.BctrlConflictException", "422, ai.bctrl.operations.BctrlValidationException" })
	void clientErrorIsNotRetried(int status, Class<? extends BctrlApiException> type) {
		this.server.enqueue(error(status));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).build());
		BctrlApiException failure = catchThrowableOfType(BctrlApiException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure).isExactlyInstanceOf(type);
		assertThat(failure.statusCode()).isEqualTo(status);
		assertThat(failure.errorCode()).isEqualTo("test.error");
		assertThat(failure.requestId()).isEqualTo("req_" + status);
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(test.waits()).isEmpty();
		assertThat(test.retry().getMetrics().getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(1);
	}

	@Test
	void htmlBadGatewayThreeTimesFailsWithServerExceptionAfterThreeAttempts() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(new MockResponse.Builder().code(502)
				.setHeader("Content-Type", "text/html")
				.setHeader("x-request-id", "req_proxy")
				.body("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>")
				.build());
		}
		TestClient test = client(settings(baseUrl(this.server)).build());
		BctrlServerException failure = catchThrowableOfType(BctrlServerException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.statusCode()).isEqualTo(502);
		assertThat(failure.attempts()).isEqualTo(3);
		assertThat(failure.requestId()).isEqualTo("req_proxy");
		assertThat(failure.bodySnippet()).startsWith("<html>");
		assertThat(failure).hasMessageContaining("HTTP 502 Bad Gateway").hasMessageContaining("after 3 attempts");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		assertThat(test.retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
		assertThat(test.retry().getMetrics().getNumberOfFailedCallsWithoutRetryAttempt()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id\":\"op_1\",\"status\":", "<html>OK</html>", "[]", "{}", "" })
	void malformedSuccessBodyFailsWithResponseExceptionAfterOneRequest(String body) {
		this.server.enqueue(json(200, body));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).build());
		BctrlResponseException failure = catchThrowableOfType(BctrlResponseException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(failure).hasMessageContaining("HTTP 200");
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(test.breakerMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
	}

	@Test
	void oversizeSuccessBodyFailsWithResponseExceptionAfterOneRequest() {
		this.server
			.enqueue(json(200, "{\"id\":\"op_1\",\"status\":\"cancelled\",\"padding\":\"" + "x".repeat(4096) + "\"}"));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).maxResponseSize(1024).build());
		BctrlResponseException failure = catchThrowableOfType(BctrlResponseException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure).hasMessageContaining("larger than max-response-size");
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void oversizeErrorBodyKeepsItsStatusAndIsRetried() {
		// DESIGN 5: the status decides the exception type; the body only fills in the
		// message.
		this.server.enqueue(new MockResponse.Builder().code(503)
			.setHeader("Content-Type", "text/html")
			.body("<html>" + "busy ".repeat(1000) + "</html>")
			.build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).maxResponseSize(1024).build());
		Operation operation = test.client().cancel("op_1").block(BLOCK);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void rateLimitedWithRetryAfterSecondsWaitsThatLong() {
		this.server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).build(), () -> 0.5, this.time);
		AtomicLong answeredAtMillis = new AtomicLong(-1);
		StepVerifier
			.create(test.client()
				.cancel("op_1")
				.doOnNext((operation) -> answeredAtMillis.set(this.time.now(TimeUnit.MILLISECONDS))))
			// The first attempt's timeout, then the retry's wait.
			.then(() -> await().atMost(BLOCK).until(() -> this.time.getScheduledTaskCount() == 2))
			.then(() -> this.time.advanceTimeBy(Duration.ofMillis(1999)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.time.advanceTimeBy(Duration.ofMillis(1)))
			.expectNextCount(1)
			.expectComplete()
			.verify(BLOCK);
		assertThat(test.waits()).containsExactly(Duration.ofSeconds(2));
		assertThat(answeredAtMillis).hasValue(2000);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0} with Retry-After 10:00:01 at {1} waits {2} ms")
	@CsvSource({ "429, 2025-06-01T10:00:00.600Z, 400", "503, 2025-06-01T10:00:00.750Z, 250" })
	void retryAfterHttpDateIsHonouredOnTooManyRequestsAndServiceUnavailable(int status, Instant now, long waitMillis) {
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		this.server.enqueue(new MockResponse.Builder().code(status)
			.setHeader("Retry-After", "Sun, 01 Jun 2025 10:00:01 GMT")
			.build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(
				OperationsClient.builder(settings(baseUrl(this.server)).build()).clock(clock).jitter(() -> 0.5));
		test.client().cancel("op_1").block(BLOCK);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(waitMillis));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void retryAfterInThePastRetriesAtOnce() {
		Clock clock = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);
		this.server.enqueue(
				new MockResponse.Builder().code(429).setHeader("Retry-After", "Sun, 01 Jun 2025 09:59:00 GMT").build());
		this.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(
				OperationsClient.builder(settings(baseUrl(this.server)).build()).clock(clock).jitter(() -> 0.5));
		test.client().cancel("op_1").block(BLOCK);
		assertThat(test.waits()).containsExactly(Duration.ZERO, Duration.ZERO);
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void retryAfterLongerThanMaxRetryAfterIsClampedAndReportedAsSent() {
		RetrySettings retry = RetrySettings.builder()
			.enabled(true)
			.maxAttempts(3)
			.initialBackoff(Duration.ofMillis(100))
			.multiplier(2.0)
			.maxBackoff(Duration.ofMillis(400))
			.maxRetryAfter(Duration.ofMillis(150))
			.build();
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
		}
		TestClient test = client(settings(baseUrl(this.server)).retry(retry).build());
		BctrlRateLimitException failure = catchThrowableOfType(BctrlRateLimitException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(test.waits()).containsExactly(Duration.ofMillis(150), Duration.ofMillis(150));
		assertThat(failure.retryAfter()).contains(Duration.ofHours(1));
		assertThat(failure.attempts()).isEqualTo(3);
	}

	@Test
	void rateLimitedWithRetryAfterPastTheDeadlineFailsAtOnce() {
		this.server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		// Virtual time never moves here: a client that waited would not fail at all.
		TestClient test = client(settings(baseUrl(this.server)).deadline(Duration.ofSeconds(1)).build(), () -> 0.5,
				this.time);
		BctrlRateLimitException failure = catchThrowableOfType(BctrlRateLimitException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.statusCode()).isEqualTo(429);
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(test.waits()).isEmpty();
	}

	@Test
	void rateLimitedWithClampedRetryAfterPastTheDeadlineReportsTheUnclampedValue() {
		// Clamped to the 5 s max-retry-after, still past the 1 s deadline.
		this.server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "86400").build());
		TestClient test = client(settings(baseUrl(this.server)).deadline(Duration.ofSeconds(1)).build());
		BctrlRateLimitException failure = catchThrowableOfType(BctrlRateLimitException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.retryAfter()).contains(Duration.ofDays(1));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void serviceUnavailableWithRetryAfterPastTheDeadlineFailsAtOnceWithServerException() {
		this.server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "30").build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).deadline(Duration.ofSeconds(1)).build());
		BctrlServerException failure = catchThrowableOfType(BctrlServerException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.statusCode()).isEqualTo(503);
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(30));
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void retryAfterOnOtherStatusesIsIgnored() {
		this.server.enqueue(new MockResponse.Builder().code(500).setHeader("Retry-After", "2").build());
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		TestClient test = client(settings(baseUrl(this.server)).build());
		test.client().cancel("op_1").block(BLOCK);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50));
	}

	@Test
	void failureAfterEveryAttemptCountsAsFailedWithRetry() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(error(503));
		}
		TestClient test = client(settings(baseUrl(this.server)).build());
		catchThrowableOfType(BctrlServerException.class, () -> test.client().cancel("op_1").block(BLOCK));
		assertThat(test.retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
		assertThat(test.retry().getMetrics().getNumberOfFailedCallsWithoutRetryAttempt()).isZero();
		assertThat(test.retry().getMetrics().getNumberOfTotalCalls()).isEqualTo(3);
	}

	@Test
	void disabledRetryMakesOneAttempt() {
		this.server.enqueue(error(503));
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		RetrySettings disabled = RetrySettings.builder()
			.enabled(false)
			.maxAttempts(3)
			.initialBackoff(Duration.ofMillis(100))
			.multiplier(2.0)
			.maxBackoff(Duration.ofMillis(400))
			.maxRetryAfter(Duration.ofSeconds(5))
			.build();
		TestClient test = client(settings(baseUrl(this.server)).retry(disabled).build());
		BctrlServerException failure = catchThrowableOfType(BctrlServerException.class,
				() -> test.client().cancel("op_1").block(BLOCK));
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	private static java.util.function.DoubleSupplier sequence(Double... values) {
		Iterator<Double> iterator = List.of(values).iterator();
		return iterator::next;
	}

}
