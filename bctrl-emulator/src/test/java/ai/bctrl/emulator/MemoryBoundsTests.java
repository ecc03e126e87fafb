package ai.bctrl.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone emulator in a JVM of its own with a 256 MB heap survives what once ran
 * it out of memory (1,000 requests with 1 MB bodies, one 100 MB body, a huge seed count)
 * and answers every endpoint afterwards.
 */
class MemoryBoundsTests {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private Process process;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void survivesLargeBodiesUnderA256MegabyteHeap() throws Exception {
		String baseUrl = startEmulator();
		String id = JsonMapper.builder()
			.build()
			.readTree(send(baseUrl, "POST", "/_emulator/operations",
					BodyPublishers.ofString("{\"status\": \"running\", \"frozen\": true}"))
				.body())
			.get("ids")
			.get(0)
			.asString();
		byte[] megabyte = new byte[1024 * 1024];
		List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			batch.add(
					sendAsync(baseUrl, "POST", "/v1/operations/" + id + "/wait", BodyPublishers.ofByteArray(megabyte)));
			if (batch.size() == 50) {
				for (CompletableFuture<HttpResponse<String>> response : batch) {
					statuses.add(response.get(60, TimeUnit.SECONDS).statusCode());
				}
				batch.clear();
			}
		}
		assertThat(statuses).hasSize(1000).containsOnly(413);
		HttpResponse<String> huge = send(baseUrl, "POST", "/_emulator/operations",
				BodyPublishers.ofInputStream(() -> new Zeros(100L * 1024 * 1024)));
		assertThat(huge.statusCode()).isEqualTo(413);
		assertThat(send(baseUrl, "POST", "/_emulator/operations",
				BodyPublishers.ofString("{\"status\": \"running\", \"count\": 5000000}"))
			.statusCode()).isEqualTo(400);
		assertThat(send(baseUrl, "GET", "/v1/operations/" + id, BodyPublishers.noBody()).statusCode()).isEqualTo(200);
		assertThat(send(baseUrl, "POST", "/v1/operations/" + id + "/wait", BodyPublishers.ofString("{\"timeoutMs\":0}"))
			.statusCode()).isEqualTo(200);
		assertThat(send(baseUrl, "POST", "/v1/operations/" + id + "/cancel", BodyPublishers.noBody()).statusCode())
			.isEqualTo(200);
		for (String resource : List.of("operations", "faults", "requests", "latency")) {
			assertThat(send(baseUrl, "GET", "/_emulator/" + resource, BodyPublishers.noBody()).statusCode())
				.as(resource)
				.isEqualTo(200);
		}
		assertThat(send(baseUrl, "POST", "/_emulator/reset", BodyPublishers.noBody()).statusCode()).isEqualTo(204);
		assertThat(this.process.isAlive()).isTrue();
	}

	/**
	 * Start the standalone main with this test's class path and wait for its base URL.
	 */
	private String startEmulator() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-Xmx256m", "-XX:MaxDirectMemorySize=64m", "-cp",
				System.getProperty("java.class.path"), BctrlEmulatorMain.class.getName(), "--port", "0")
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.startsWith("Base URL: ")) {
				String baseUrl = line.substring("Base URL: ".length()).trim();
				// Keep draining the output so the emulator never blocks on a full pipe.
				Thread drain = new Thread(() -> output.lines().forEach((ignored) -> {
				}), "emulator-output");
				drain.setDaemon(true);
				drain.start();
				return baseUrl;
			}
		}
		throw new IllegalStateException("The emulator exited before printing its base URL");
	}

	private static HttpResponse<String> send(String baseUrl, String method, String path, HttpRequest.BodyPublisher body)
			throws Exception {
		return sendAsync(baseUrl, method, path, body).get(60, TimeUnit.SECONDS);
	}

	private static CompletableFuture<HttpResponse<String>> sendAsync(String baseUrl, String method, String path,
			HttpRequest.BodyPublisher body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + BctrlEmulator.DEFAULT_API_KEY)
			.header("Content-Type", "application/json")
			.method(method, body)
			.build();
		return CLIENT.sendAsync(request, BodyHandlers.ofString());
	}

	/** A stream of zeros of a given length, so the test itself never holds the body. */
	private static final class Zeros extends InputStream {

		private long left;

		Zeros(long length) {
			this.left = length;
		}

		@Override
		public int read() {
			if (this.left <= 0) {
				return -1;
			}
			this.left--;
			return 0;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.left <= 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.left);
			Arrays.fill(buffer, offset, offset + count, (byte) 0);
			this.left -= count;
			return count;
		}

	}

}
