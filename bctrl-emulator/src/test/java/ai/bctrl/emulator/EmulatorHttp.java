package ai.bctrl.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP/1.1 client for the tests (the client module is not a dependency of the
 * emulator): every request carries the emulator's API key unless the test sets its own
 * {@code Authorization} header or none.
 */
final class EmulatorHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final BctrlEmulator emulator;

	private final String authorization;

	EmulatorHttp(BctrlEmulator emulator) {
		this(emulator, "Bearer " + emulator.apiKey());
	}

	private EmulatorHttp(BctrlEmulator emulator, String authorization) {
		this.emulator = emulator;
		this.authorization = authorization;
	}

	/**
	 * The same client sending this {@code Authorization} header, or none for
	 * {@code null}.
	 */
	EmulatorHttp withAuthorization(String authorization) {
		return new EmulatorHttp(this.emulator, authorization);
	}

	Response get(String path) {
		return send("GET", path, null);
	}

	Response post(String path, String body) {
		return send("POST", path, body);
	}

	Response cancel(String id) {
		return post("/v1/operations/" + id + "/cancel", null);
	}

	Response send(String method, String path, String body) {
		try {
			return sendAsync(method, path, body).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw new UncheckedIOException(io);
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	CompletableFuture<Response> sendAsync(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return CLIENT.sendAsync(request.build(), BodyHandlers.ofString())
			.thenApply((response) -> new Response(response.statusCode(), response.headers(), response.body()));
	}

	/**
	 * A response as received.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body as text
	 */
	record Response(int status, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The operation of a cancel or get body, or of a wait body's wrapper. */
		String operationStatus() {
			JsonNode json = json();
			return (json.has("operation") ? json.get("operation") : json).get("status").asString();
		}

	}

}
