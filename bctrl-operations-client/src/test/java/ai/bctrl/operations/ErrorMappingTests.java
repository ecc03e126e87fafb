package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static ai.bctrl.operations.WireTestSupport.API_KEY;
import static ai.bctrl.operations.WireTestSupport.MINIMAL_OPERATION;
import static ai.bctrl.operations.WireTestSupport.failureOf;
import static ai.bctrl.operations.WireTestSupport.fixture;
import static ai.bctrl.operations.WireTestSupport.json;
import static ai.bctrl.operations.WireTestSupport.printed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How error responses and unusable bodies become exceptions: the status decides the type,
 * the body fills in code, message, request id and details, and the key never shows.
 */
class ErrorMappingTests {

	private MockWebServer server;

	private OperationsClient client;

	@BeforeEach
	void startServer() {
		this.server = WireTestSupport.startServer();
		this.client = WireTestSupport.client(this.server);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "400, BctrlValidationException", "401, BctrlAuthenticationException", "403, BctrlPermissionException",
			"404, OperationNotFoundException", "409, BctrlConflictException", "422, BctrlValidationException",
			"429, BctrlRateLimitException", "500, BctrlServerException", "502, BctrlServerException",
			"503, BctrlServerException" })
	void statusMapsToItsExceptionWithStatusCodeMessageAndRequestId(int status, String exceptionType) {
		this.server.enqueue(json(status, """
				{"error": "Operation op-1 cannot be handled", "code": "operation.test_code",
				 "requestId": "req-123", "details": {"field": "id", "limits": [1, 2]},
				 "hint": "try again"}"""));
		Throwable failure = failureOf(() -> this.client.cancel("op-1"));
		assertThat(failure.getClass().getSimpleName()).isEqualTo(exceptionType);
		BctrlApiException api = (BctrlApiException) failure;
		assertThat(api.statusCode()).isEqualTo(status);
		assertThat(api.errorCode()).isEqualTo("operation.test_code");
		assertThat(api.requestId()).isEqualTo("req-123");
		assertThat(api.details()).isEqualTo(Map.of("field", "id", "limits", List.of(1, 2)));
		assertThat(api.operationId()).isEqualTo("op-1");
		assertThat(api.attempts()).isEqualTo(1);
		assertThat(api.getMessage()).contains("cancel operation op-1", "HTTP " + status,
				"Operation op-1 cannot be handled", "operation.test_code", "req-123", "1 attempt");
	}

	@Test
	void statusOutsideTheListMapsToBctrlApiException() {
		this.server.enqueue(json(418, "{\"error\": \"I'm a teapot\", \"code\": \"teapot\"}"));
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlApiException.class);
		assertThat(((BctrlApiException) failure).statusCode()).isEqualTo(418);
		assertThat(failure).hasMessageContaining("I'm a teapot");
	}

	@Test
	void otherServerErrorStatusMapsToBctrlServerException() {
		this.server.enqueue(json(504, "{\"error\": \"upstream timed out\"}"));
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlServerException.class);
		assertThat(((BctrlApiException) failure).statusCode()).isEqualTo(504);
	}

	@Test
	void nestedErrorObjectGivesCodeAndMessage() {
		this.server.enqueue(json(409, """
				{"error": {"code": "operation.finished", "message": "Operation already finished"}}"""));
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.cancel("op-1"));
		assertThat(failure).isInstanceOf(BctrlConflictException.class)
			.hasMessageContaining("Operation already finished");
		assertThat(failure.errorCode()).isEqualTo("operation.finished");
	}

	@Test
	void nestedErrorObjectGivesRequestIdAndDetails() {
		this.server.enqueue(json(400, """
				{"error": {"code": "request.invalid", "message": "bad", "requestId": "req-nested",
				 "details": {"field": "timeoutMs"}}}"""));
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure.requestId()).isEqualTo("req-nested");
		assertThat(failure.details()).containsEntry("field", "timeoutMs");
	}

	@Test
	void messageOnlyBodyGivesTheMessage() {
		this.server.enqueue(json(404, "{\"message\": \"No operation with id op-1\"}"));
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isInstanceOf(OperationNotFoundException.class)
			.hasMessageContaining("No operation with id op-1");
		assertThat(failure.errorCode()).isNull();
		assertThat(failure.requestId()).isNull();
		assertThat(failure.details()).isEmpty();
	}

	@Test
	void requestIdFromTheBodyWinsOverHeaders() {
		this.server.enqueue(new MockResponse.Builder().code(500)
			.addHeader("x-request-id", "req-header")
			.addHeader("x-bctrl-request-id", "req-bctrl-header")
			.body("{\"error\": \"boom\", \"requestId\": \"req-body\"}")
			.build());
		assertThat(((BctrlApiException) failureOf(() -> this.client.get("op-1"))).requestId()).isEqualTo("req-body");
	}

	@Test
	void requestIdFallsBackToTheXRequestIdHeader() {
		this.server.enqueue(new MockResponse.Builder().code(500)
			.addHeader("X-Request-Id", "req-header")
			.addHeader("x-bctrl-request-id", "req-bctrl-header")
			.body("{\"error\": \"boom\"}")
			.build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure.requestId()).isEqualTo("req-header");
		assertThat(failure).hasMessageContaining("req-header");
	}

	@Test
	void requestIdFallsBackToTheXBctrlRequestIdHeader() {
		this.server.enqueue(new MockResponse.Builder().code(503)
			.addHeader("x-bctrl-request-id", "req-bctrl-header")
			.body("Service Unavailable")
			.build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure.requestId()).isEqualTo("req-bctrl-header");
		assertThat(failure).hasMessageContaining("req-bctrl-header");
	}

	@Test
	void htmlBadGatewayKeepsAShortBodySnippet() {
		String html = "<!DOCTYPE html>\n<html>\n  <head><title>502 Bad Gateway</title></head>\n  <body>\n"
				+ "    <h1>Bad Gateway</h1>\n" + "    <p>The proxy received an invalid response.</p>\n".repeat(200)
				+ "  </body>\n</html>\n";
		this.server.enqueue(new MockResponse.Builder().code(502)
			.addHeader("Content-Type", "text/html; charset=utf-8")
			.body(html)
			.build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.cancel("op-1"));
		assertThat(failure).isInstanceOf(BctrlServerException.class);
		assertThat(failure.statusCode()).isEqualTo(502);
		assertThat(failure.errorCode()).isNull();
		assertThat(failure.bodySnippet()).startsWith("<!DOCTYPE html> <html> <head><title>502 Bad Gateway</title>")
			.hasSizeLessThanOrEqualTo(301);
		assertThat(failure.getMessage()).contains("HTTP 502", "502 Bad Gateway").hasSizeLessThan(1000);
	}

	@Test
	void emptyErrorBodyStillMapsByStatus() {
		this.server.enqueue(new MockResponse.Builder().code(401).build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isInstanceOf(BctrlAuthenticationException.class).hasMessageContaining("HTTP 401");
		assertThat(failure.bodySnippet()).isNull();
		assertThat(failure.errorCode()).isNull();
	}

	@Test
	void errorPageOverMaxResponseSizeStillMapsByStatusWithItsHeaders() {
		OperationsClient small = smallResponseClient();
		this.server.enqueue(new MockResponse.Builder().code(409)
			.addHeader("Content-Type", "text/html")
			.addHeader("X-Request-Id", "req-header")
			.body("<html>" + "conflict ".repeat(500) + "</html>")
			.build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> small.cancel("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlConflictException.class).hasMessageContaining("HTTP 409");
		assertThat(failure.statusCode()).isEqualTo(409);
		assertThat(failure.requestId()).isEqualTo("req-header");
		assertThat(failure.bodySnippet()).isNull();
	}

	@Test
	void retryAfterIsReportedAsSent() {
		this.server.enqueue(new MockResponse.Builder().code(429)
			.addHeader("Retry-After", "120")
			.body("{\"error\": \"slow down\", \"code\": \"rate_limited\"}")
			.build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isInstanceOf(BctrlRateLimitException.class);
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(120));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@ValueSource(strings = { "not json at all", "<html><body>OK</body></html>", "{\"id\": }", "{\"id\": \"op-1\",}",
			"[]", "[" + MINIMAL_OPERATION + "]", "{}", "null", "\"op-1\"", "42", "{\"id\": \"op-1\"}",
			"{\"status\": \"running\"}", "{\"id\": {\"value\": \"op-1\"}, \"status\": \"running\"}",
			"{\"id\": \"op-1\", \"status\": \"running\", \"progress\": \"half\"}",
			"{\"id\": \"op-1\", \"status\": \"running\", \"result\": {\"steps\": {}}}", MINIMAL_OPERATION + " trailing",
			MINIMAL_OPERATION + MINIMAL_OPERATION, MINIMAL_OPERATION + "]" })
	void malformedSuccessBodyGivesBctrlResponseException(String body) {
		this.server.enqueue(json(body));
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlResponseException.class)
			.hasMessageContaining("get operation op-1")
			.hasMessageContaining("HTTP 200");
		assertThat(((BctrlException) failure).attempts()).isEqualTo(1);
	}

	@Test
	void emptySuccessBodyGivesBctrlResponseException() {
		this.server.enqueue(new MockResponse.Builder().code(200).build());
		assertThat(failureOf(() -> this.client.cancel("op-1"))).isExactlyInstanceOf(BctrlResponseException.class);
	}

	@Test
	void malformedWaitResponseGivesBctrlResponseException() {
		this.server.enqueue(json("{\"operation\": \"op-1\"}"));
		assertThat(failureOf(() -> this.client.await("op-1", Duration.ofMillis(10))))
			.isExactlyInstanceOf(BctrlResponseException.class);
	}

	@Test
	void successBodyOverMaxResponseSizeGivesBctrlResponseException() {
		OperationsClient small = smallResponseClient();
		this.server.enqueue(json(fixture("operation-full.json")));
		Throwable failure = failureOf(() -> small.get("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlResponseException.class).hasMessageContaining("max-response-size");
		assertThat(((BctrlException) failure).attempts()).isEqualTo(1);
	}

	@Test
	void chunkedSuccessBodyOverMaxResponseSizeGivesBctrlResponseException() {
		OperationsClient small = smallResponseClient();
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.chunkedBody(fixture("operation-full.json"), 100)
			.build());
		assertThat(failureOf(() -> small.get("op-1"))).isExactlyInstanceOf(BctrlResponseException.class)
			.hasMessageContaining("max-response-size");
	}

	@Test
	void successBodyAtMaxResponseSizeDecodes() {
		String body = fixture("operation-full.json");
		OperationsClient exact = OperationsClient
			.builder(WireTestSupport.settings(this.server)
				.maxResponseSize(body.getBytes(StandardCharsets.UTF_8).length)
				.build())
			.build();
		this.server.enqueue(json(body));
		Operation operation = exact.get("op-1").block(WireTestSupport.BLOCK);
		assertThat(operation.id()).isEqualTo("3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b");
	}

	@Test
	void keyEchoedInTheServerMessageNeverAppears() {
		this.server.enqueue(json(401, "{\"error\": \"Invalid API key " + API_KEY + "\", \"code\": \"auth.invalid\"}"));
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isInstanceOf(BctrlAuthenticationException.class).hasMessageContaining("Invalid API key");
		assertThat(printed(failure)).doesNotContain(API_KEY);
		assertThat(((BctrlApiException) failure).bodySnippet()).doesNotContain(API_KEY);
	}

	@Test
	void keyEchoedInANonJsonBodyNeverAppears() {
		this.server.enqueue(new MockResponse.Builder().code(403)
			.addHeader("Content-Type", "text/plain")
			.body("Forbidden: Authorization: Bearer " + API_KEY + " has no access")
			.build());
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isInstanceOf(BctrlPermissionException.class).hasMessageContaining("Forbidden");
		assertThat(printed(failure)).doesNotContain(API_KEY);
		assertThat(((BctrlApiException) failure).bodySnippet()).contains("Bearer ").doesNotContain(API_KEY);
	}

	@Test
	void keyEchoedAcrossTheEndOfTheBodySnippetNeverAppears() {
		// The key starts a few characters before the snippet is cut: not even its start
		// may show.
		String body = "x".repeat(290) + " " + API_KEY + " and more text after the key";
		this.server.enqueue(new MockResponse.Builder().code(500).body(body).build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		String keyStart = API_KEY.substring(0, 8);
		assertThat(failure.bodySnippet()).doesNotContain(keyStart);
		assertThat(printed(failure)).doesNotContain(keyStart);
	}

	@Test
	void keyCutAtTheEndOfTheBytesReadForTheSnippetNeverAppears() {
		// Whitespace collapses, so the cut of the bytes read can fall inside the key.
		String body = " ".repeat(1195) + API_KEY + " ".repeat(100) + "end";
		this.server.enqueue(new MockResponse.Builder().code(500).body(body).build());
		BctrlApiException failure = (BctrlApiException) failureOf(() -> this.client.get("op-1"));
		assertThat(failure.bodySnippet()).doesNotContain(API_KEY.substring(0, 4));
		assertThat(printed(failure)).doesNotContain(API_KEY.substring(0, 4));
	}

	@Test
	void keyEchoedInCodeAndRequestIdNeverAppearsInTheMessage() {
		this.server.enqueue(new MockResponse.Builder().code(401)
			.addHeader("x-request-id", API_KEY)
			.body("{\"error\": \"unauthorized\", \"code\": \"auth.invalid:" + API_KEY + "\"}")
			.build());
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).hasMessageContaining("unauthorized");
		assertThat(printed(failure)).doesNotContain(API_KEY);
	}

	@Test
	void keyEchoedInAMalformedSuccessBodyNeverAppears() {
		this.server.enqueue(json(API_KEY + " is not allowed here"));
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlResponseException.class);
		assertThat(printed(failure)).doesNotContain(API_KEY);
	}

	@Test
	void keyEchoedInAnOperationLikeSuccessBodyNeverAppears() {
		this.server.enqueue(json("{\"id\": \"op-1\", \"status\": {\"authorization\": \"Bearer " + API_KEY + "\"}}"));
		Throwable failure = failureOf(() -> this.client.get("op-1"));
		assertThat(failure).isExactlyInstanceOf(BctrlResponseException.class);
		assertThat(printed(failure)).doesNotContain(API_KEY);
	}

	private OperationsClient smallResponseClient() {
		return OperationsClient.builder(WireTestSupport.settings(this.server).maxResponseSize(1024).build()).build();
	}

}
