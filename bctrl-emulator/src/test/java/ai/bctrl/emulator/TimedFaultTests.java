package ai.bctrl.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Faults that depend on time (an outage, a rate limit) and the fixed latency, over a
 * clock the tests move by hand.
 */
class TimedFaultTests {

	private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);

	private final BctrlEmulator emulator = BctrlEmulator.builder()
		.port(0)
		.autoProgress(false)
		.nanoTime(this.nanoTime::get)
		.build()
		.start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	private final EmulatorHttp control = this.http.withAuthorization(null);

	private final String id = this.emulator.seed(OperationState.RUNNING);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private EmulatorHttp.Response get() {
		return this.http.get("/v1/operations/" + this.id);
	}

	private void advance(Duration duration) {
		this.nanoTime.addAndGet(duration.toNanos());
	}

	@Test
	void outageAnswersEveryRequestWithServiceUnavailableUntilItsWindowHasPassed() {
		Fault outage = this.emulator.faults().always().outage(Duration.ofSeconds(5), Duration.ofSeconds(2));
		EmulatorHttp.Response during = get();
		assertThat(during.status()).isEqualTo(503);
		assertThat(during.header("retry-after")).isEqualTo("2");
		assertThat(during.json().get("code").asString()).isEqualTo("server.unavailable");
		assertThat(this.http.cancel(this.id).status()).isEqualTo(503);
		advance(Duration.ofMillis(4999));
		assertThat(get().status()).isEqualTo(503);
		advance(Duration.ofMillis(1));
		assertThat(get().status()).isEqualTo(200);
		assertThat(outage.triggered()).isEqualTo(3);
		assertThat(outage.isActive()).isFalse();
		assertThat(this.emulator.faults().all()).isEmpty();
		assertThat(this.emulator.requests()).extracting(RecordedRequest::fault)
			.containsExactly(FaultKind.OUTAGE, FaultKind.OUTAGE, FaultKind.OUTAGE, null);
	}

	@Test
	void outageWithoutRetryAfterSendsNoRetryAfter() {
		this.emulator.faults().always().outage(Duration.ofSeconds(1));
		EmulatorHttp.Response response = get();
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("retry-after")).isNull();
	}

	@Test
	void outageIsInstalledThroughTheControlApi() {
		EmulatorHttp.Response created = this.control.post("/_emulator/faults",
				"{\"kind\": \"outage\", \"durationMs\": 3000, \"retryAfter\": 1, \"path\": \"/v1/operations/*/cancel\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("kind").asString()).isEqualTo("outage");
		assertThat(created.json().get("durationMs").asLong()).isEqualTo(3000);
		assertThat(created.json().get("remainingMs").asLong()).isEqualTo(3000);
		assertThat(created.json().get("status").asInt()).isEqualTo(503);
		assertThat(get().status()).isEqualTo(200);
		assertThat(this.http.cancel(this.id).status()).isEqualTo(503);
		advance(Duration.ofSeconds(1));
		assertThat(this.control.get("/_emulator/faults").json().get("faults").get(0).get("remainingMs").asLong())
			.isEqualTo(2000);
		advance(Duration.ofSeconds(2));
		assertThat(this.http.cancel(this.id).status()).isEqualTo(200);
	}

	@Test
	void rateLimitLetsThroughTheGivenRequestsPerSecondAndAnswersTooManyRequestsToTheOthers() {
		this.emulator.faults().always().rateLimit(3);
		assertThat(IntStream.range(0, 5).map((i) -> get().status())).containsExactly(200, 200, 200, 429, 429);
		EmulatorHttp.Response limited = get();
		assertThat(limited.header("retry-after")).isEqualTo("1");
		assertThat(limited.json().get("code").asString()).isEqualTo("rate_limited");
		advance(Duration.ofMillis(999));
		assertThat(get().status()).isEqualTo(429);
		advance(Duration.ofMillis(1));
		assertThat(IntStream.range(0, 4).map((i) -> get().status())).containsExactly(200, 200, 200, 429);
		advance(Duration.ofSeconds(10));
		assertThat(get().status()).isEqualTo(200);
	}

	@Test
	void rateLimitLetsThroughExactlyTheLimitUnderConcurrency() throws Exception {
		Fault limit = this.emulator.faults().always().rateLimit(100);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Long>> refused = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				refused.add(threads.submit(() -> {
					start.await();
					return IntStream.range(0, 125)
						.filter((i) -> this.emulator.faults().pick("GET", "/v1/operations/x") == limit)
						.count();
				}));
			}
			start.countDown();
			long total = 0;
			for (Future<Long> count : refused) {
				total += count.get(10, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(1000 - 100);
			assertThat(limit.triggered()).isEqualTo(900);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void rateLimitIsInstalledThroughTheControlApi() {
		EmulatorHttp.Response created = this.control.post("/_emulator/faults",
				"{\"kind\": \"rate_limit\", \"requestsPerSecond\": 1}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("requestsPerSecond").asInt()).isEqualTo(1);
		assertThat(created.json().get("status").asInt()).isEqualTo(429);
		assertThat(IntStream.range(0, 2).map((i) -> get().status())).containsExactly(200, 429);
	}

	@Test
	void outageAndRateLimitRefuseACountOrAShare() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.faults().next(1).rateLimit(5))
			.withMessage("next and share do not apply to a rate limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.emulator.faults().share(0.5).outage(Duration.ofSeconds(1)))
			.withMessage("next and share do not apply to an outage");
		assertThatIllegalArgumentException().isThrownBy(() -> this.emulator.faults().always().outage(Duration.ZERO))
			.withMessage("window must be positive but was PT0S");
		assertThat(this.control.post("/_emulator/faults", "{\"kind\": \"rate_limit\", \"requestsPerSecond\": 0}")
			.json()
			.get("error")
			.asString()).isEqualTo("requestsPerSecond must be a whole number from 1 to 2147483647 but was 0");
	}

	@Test
	void fixedLatencyDelaysEveryRequestFaultedOrNot() {
		this.emulator.faults().latency(Duration.ofMillis(300));
		this.emulator.faults().next(1).status(503);
		long start = System.nanoTime();
		assertThat(get().status()).isEqualTo(503);
		assertThat(get().status()).isEqualTo(200);
		// A lower bound only: each of the two requests waited at least the latency.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
	}

	@Test
	void fixedLatencyIsSetThroughTheControlApiAndClearedByReset() {
		EmulatorHttp.Response set = this.control.send("PUT", "/_emulator/latency", "{\"latencyMs\": 20}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.json().get("latencyMs").asLong()).isEqualTo(20);
		assertThat(this.emulator.faults().latency()).isEqualTo(Duration.ofMillis(20));
		assertThat(this.control.send("PUT", "/_emulator/latency", "{\"latencyMs\": -1}").json().get("error").asString())
			.isEqualTo("latencyMs must be ≥ 0 (a whole number of milliseconds) but was -1");
		this.control.post("/_emulator/reset", null);
		assertThat(this.control.get("/_emulator/latency").json().get("latencyMs").asLong()).isZero();
	}

}
