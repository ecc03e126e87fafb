package ai.bctrl.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import reactor.core.publisher.Mono;

import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Shared pieces of the wire tests: a {@link MockWebServer} on 127.0.0.1, a client pointed
 * at it with small timeouts and no retry, and small JSON helpers.
 */
final class WireTestSupport {

	/** The key every test client sends; tests assert it never leaks into messages. */
	static final String API_KEY = "sk_test_4f9TqL2xVb8mK0pRz7Wc";

	/**
	 * How long a test waits for a call or a state at most: only a hang reaches it, even
	 * on a loaded machine.
	 */
	static final Duration BLOCK = Duration.ofSeconds(30);

	/** Retry switched off: each call is exactly one request. */
	static final RetrySettings NO_RETRY = RetrySettings.builder()
		.enabled(false)
		.maxAttempts(1)
		.initialBackoff(Duration.ofMillis(10))
		.multiplier(2.0)
		.maxBackoff(Duration.ofMillis(100))
		.maxRetryAfter(Duration.ofSeconds(1))
		.build();

	/** The smallest operation the schema allows. */
	static final String MINIMAL_OPERATION = """
			{"id":"op-1","workspaceId":"ws-1","runtimeId":"rt-1","runtime":"chromium","runtimeKind":"browser",\
			"status":"cancelling","createdAt":"2024-05-01T10:00:00Z","cancelRequestedAt":"2024-05-01T10:00:05Z"}""";

	private WireTestSupport() {
	}

	static MockWebServer startServer() {
		MockWebServer server = new MockWebServer();
		try {
			server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

	static String baseUrl(MockWebServer server) {
		return "http://127.0.0.1:" + server.getPort();
	}

	/**
	 * Settings pointed at {@code server}, with timeouts no call reaches by chance; tests
	 * of the timeouts set their own.
	 */
	static OperationsClientSettings.Builder settings(MockWebServer server) {
		return OperationsClientSettings.builder()
			.baseUrl(baseUrl(server))
			.apiKey(API_KEY)
			.connectTimeout(Duration.ofSeconds(1))
			.attemptTimeout(Duration.ofSeconds(20))
			.deadline(Duration.ofSeconds(25))
			.retry(NO_RETRY);
	}

	static OperationsClient client(MockWebServer server) {
		return OperationsClient.builder(settings(server).build()).build();
	}

	static MockResponse json(String body) {
		return json(200, body);
	}

	static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
	}

	static String fixture(String name) {
		try (InputStream in = WireTestSupport.class.getResourceAsStream(name)) {
			assertThat(in).as("fixture %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String bodyOf(RecordedRequest request) {
		return (request.getBody() != null) ? request.getBody().utf8() : "";
	}

	/**
	 * Run a call to its end and return what it failed with.
	 */
	static Throwable failureOf(Supplier<Mono<?>> call) {
		Throwable failure = catchThrowable(() -> call.get().block(BLOCK));
		assertThat(failure).as("the call should fail").isNotNull();
		return failure;
	}

	/**
	 * Everything a log line of the exception would show: messages of the whole cause
	 * chain, suppressed exceptions and stack traces.
	 */
	static String printed(Throwable error) {
		StringWriter out = new StringWriter();
		error.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
