package ai.bctrl.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import ai.bctrl.operations.OperationsClientSettings.BulkSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;
import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault catalogue 15: {@code cancelAll} keeps its concurrency bound, gives one result per
 * id whatever fails, and respects backpressure.
 */
class CancelAllTests {

	private static final int BULK_CONCURRENCY = 8;

	private static final RetrySettings FAST_RETRY = RetrySettings.builder()
		.enabled(true)
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(10))
		.multiplier(2.0)
		.maxBackoff(Duration.ofMillis(40))
		.maxRetryAfter(Duration.ofSeconds(1))
		.build();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void cancelsTwoThousandIdsWithInjectedFailuresWithinTheConcurrencyBound() {
		this.server = LoopbackServer.start(this::answer);
		TestClient test = client(
				settings(this.server.baseUrl()).bulk(BulkSettings.builder().concurrency(BULK_CONCURRENCY).build())
					.retry(FAST_RETRY)
					.build());
		List<String> ids = IntStream.range(0, 2000).mapToObj(CancelAllTests::id).toList();

		// Generous: only a hang should ever reach it.
		List<CancelResult> results = test.client()
			.cancelAll(Flux.fromIterable(ids))
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(results).hasSize(2000);
		Map<String, Long> resultsPerId = results.stream()
			.collect(Collectors.groupingBy(CancelResult::operationId, Collectors.counting()));
		assertThat(resultsPerId).hasSize(2000)
			.containsOnlyKeys(ids)
			.allSatisfy((id, count) -> assertThat(count).isOne());
		Set<String> failed = results.stream()
			.filter((result) -> !result.isSuccess())
			.map(CancelResult::operationId)
			.collect(Collectors.toSet());
		Set<String> notFound = ids.stream().filter((id) -> index(id) % 100 == 1).collect(Collectors.toSet());
		assertThat(failed).hasSize(20).isEqualTo(notFound);
		assertThat(results).filteredOn((result) -> !result.isSuccess())
			.allSatisfy((result) -> assertThat(result.error()).isInstanceOf(OperationNotFoundException.class));
		assertThat(results).filteredOn(CancelResult::isSuccess)
			.allSatisfy((result) -> assertThat(result.operation().id()).isEqualTo(result.operationId()));
		// 200 ids got a 503 first (50 of them twice), every other request was answered
		// once.
		assertThat(this.server.requestCount()).isEqualTo(2000 + 200 + 50);
		assertThat(this.maxInFlight.get()).isBetween(2, BULK_CONCURRENCY);
	}

	@Test
	void slowSubscriberRequestingOneAtATimeBoundsTheRequests() {
		this.server = LoopbackServer.start(this::answer);
		TestClient test = client(
				settings(this.server.baseUrl()).bulk(BulkSettings.builder().concurrency(BULK_CONCURRENCY).build())
					.build());
		AtomicLong idsRequested = new AtomicLong();
		// Ids ending in 3 are always cancelled at the first attempt: one request per id.
		Flux<String> ids = Flux.range(0, 100_000)
			.map((index) -> id(index * 10 + 3))
			.doOnRequest(idsRequested::addAndGet);
		List<CancelResult> received = new CopyOnWriteArrayList<>();
		BaseSubscriber<CancelResult> slow = new BaseSubscriber<>() {

			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
			}

			@Override
			protected void hookOnNext(CancelResult result) {
				received.add(result);
			}

		};
		test.client().cancelAll(ids).subscribe(slow);
		for (int i = 1; i <= 10; i++) {
			slow.request(1);
			int expected = i;
			await().atMost(BLOCK).until(() -> received.size() == expected);
			// A real wait: that nothing more arrives without demand is the behaviour
			// under test.
			sleep(30);
			assertThat(received).hasSize(i);
			assertThat(this.server.requestCount()).isLessThanOrEqualTo(i + BULK_CONCURRENCY);
			assertThat(idsRequested.get()).isLessThanOrEqualTo(i + BULK_CONCURRENCY);
		}
		slow.dispose();
	}

	@Test
	void blankIdGivesAFailedResultWithoutStoppingTheBatch() {
		this.server = LoopbackServer.start(this::answer);
		TestClient test = client(settings(this.server.baseUrl()).build());
		List<CancelResult> results = test.client().cancelAll(Flux.just(id(2), " ", id(3))).collectList().block(BLOCK);
		Map<String, CancelResult> byId = results.stream()
			.collect(Collectors.toMap(CancelResult::operationId, Function.identity()));
		assertThat(byId).containsOnlyKeys(id(2), " ", id(3));
		assertThat(byId.get(" ").error()).hasCauseInstanceOf(IllegalArgumentException.class);
		assertThat(byId.get(" ").error().attempts()).isZero();
		assertThat(byId.get(id(2)).isSuccess()).isTrue();
		assertThat(byId.get(id(3)).isSuccess()).isTrue();
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	/**
	 * Every tenth id answers 503 to its first attempt (every fortieth to its first two,
	 * half of them with {@code Retry-After: 0}), every hundredth from the second on is
	 * not found, the rest are cancelled. Counts requests in flight from arrival until the
	 * answer starts, so the count never exceeds what the client has in flight.
	 */
	private org.reactivestreams.Publisher<Void> answer(int number, reactor.netty.http.server.HttpServerRequest request,
			reactor.netty.http.server.HttpServerResponse response) {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		String id = request.uri().split("/")[3];
		int attempt = this.attempts.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		int index = index(id);
		return Mono.delay(Duration.ofMillis(1)).then(Mono.defer(() -> {
			this.inFlight.decrementAndGet();
			if (index % 100 == 1) {
				return Mono.from(LoopbackServer.json(response, 404,
						"{\"error\":\"operation not found\",\"code\":\"operation.not_found\"}"));
			}
			if (index % 10 == 0 && (attempt == 1 || attempt == 2 && index % 40 == 0)) {
				if (index % 20 == 0) {
					response.header("Retry-After", "0");
				}
				return Mono.from(LoopbackServer.json(response, 503, "{\"error\":\"busy\",\"code\":\"server.busy\"}"));
			}
			return Mono.from(LoopbackServer.json(response, 200, operationJson(id, OperationStatus.CANCELLED)));
		}));
	}

	private static String id(int index) {
		return "op_%04d".formatted(index);
	}

	private static int index(String id) {
		return Integer.parseInt(id.substring(3));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis); // a real wait, see the caller
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
