package ai.bctrl.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import mockwebserver3.MockResponse;

/**
 * Responses of a fake bctrl API for the auto-configuration tests, and how long the tests
 * that call it wait.
 */
final class TestResponses {

	/** The API key of the tests; no message may ever contain it. */
	static final String API_KEY = "sk-test-2f9c1e7a";

	/**
	 * Timeouts no call reaches by chance, even the first of a JVM on a loaded machine;
	 * tests of the timeouts set their own.
	 */
	static final String[] GENEROUS_TIMEOUTS = { "bctrl.api.attempt-timeout=20s", "bctrl.api.deadline=25s" };

	/** How long a test waits for a call at most: only a hang reaches it. */
	static final Duration BLOCK = Duration.ofSeconds(30);

	private TestResponses() {
	}

	/**
	 * A 200 answer with a minimal operation object.
	 */
	static MockResponse operation(String id, String status) {
		return json(200,
				"{\"id\":\"" + id + "\",\"workspaceId\":\"ws-1\",\"runtimeId\":\"rt-1\","
						+ "\"runtime\":\"browser-1\",\"runtimeKind\":\"browser\",\"status\":\"" + status + "\","
						+ "\"createdAt\":\"2025-06-01T10:00:00Z\"}");
	}

	/**
	 * An error answer in the documented shape.
	 */
	static MockResponse error(int status) {
		return json(status, "{\"error\":\"fake error\",\"code\":\"fake.error\",\"requestId\":\"req-1\"}");
	}

	static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

	/**
	 * The text of a file under {@code src/test/resources}.
	 */
	static String resource(String name) {
		try (InputStream in = TestResponses.class.getResourceAsStream("/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
