package ai.bctrl.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cancelAndAwait}: cancel, then wait on the server until the operation is terminal
 * or the timeout passes, each request with its own retries.
 */
class CancelAndAwaitTests {

	private static final Pattern TIMEOUT_MS = Pattern.compile("\"timeoutMs\":(\\d+)");

	private final MockWebServer server = WireTestSupport.startServer();

	/** Answers per path ("cancel", "wait"), in order; the last one repeats. */
	private final Map<String, Queue<MockResponse>> answers = new ConcurrentHashMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@BeforeEach
	void dispatchByPath() {
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String target = request.getTarget();
				String path = target.substring(target.lastIndexOf('/') + 1);
				String body = (request.getBody() != null) ? request.getBody().utf8() : "";
				CancelAndAwaitTests.this.requests.add(request.getMethod() + " " + path + " " + body);
				Queue<MockResponse> queue = CancelAndAwaitTests.this.answers.get(path);
				MockResponse answer = (queue.size() > 1) ? queue.poll() : queue.peek();
				if (answer.getCode() == 200 && path.equals("wait") && answer.getHeadersDelayNanos() == 1) {
					// Hold the request for the timeout the client asked for, like the
					// server.
					Matcher timeout = TIMEOUT_MS.matcher(body);
					timeout.find();
					return answer.newBuilder()
						.headersDelay(Long.parseLong(timeout.group(1)), TimeUnit.MILLISECONDS)
						.build();
				}
				return answer;
			}

		});
	}

	@AfterEach
	void stopServer() {
		this.server.close();
		this.time.dispose();
	}

	@Test
	void returnsTheTerminalOperation() {
		answer("cancel", operation("op_1", OperationStatus.CANCELLING));
		answer("wait", wrapped(OperationStatus.CANCELLED));
		// Virtual time stands still: the wait asks for exactly what is left of the
		// timeout.
		TestClient test = client(settings(baseUrl(this.server)).build(), () -> 0.5, this.time);
		Operation operation = test.client().cancelAndAwait("op_1", Duration.ofSeconds(2)).block(BLOCK);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(this.requests).containsExactly("POST cancel ", "POST wait {\"timeoutMs\":2000}");
	}

	@Test
	void returnsTheLastKnownOperationWhenTheTimeoutPasses() {
		answer("cancel", operation("op_1", OperationStatus.CANCELLING));
		answer("wait", holdForTheTimeout(wrapped(OperationStatus.CANCELLING)));
		TestClient test = client(settings(baseUrl(this.server)).build());
		long start = System.nanoTime();
		Operation operation = test.client().cancelAndAwait("op_1", Duration.ofMillis(500)).block(BLOCK);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.requests).hasSize(2);
		// A real wait, held by the server for what the client asked; then no second wait.
		long askedMillis = timeoutMs(this.requests.get(1));
		assertThat(askedMillis).isPositive().isLessThanOrEqualTo(500);
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(askedMillis));
	}

	@Test
	void returnsTheLastKnownOperationWhenTheWaitIsNotAnswered() {
		answer("cancel", operation("op_1", OperationStatus.CANCELLING));
		answer("wait", new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		TestClient test = client(settings(baseUrl(this.server)).attemptTimeout(Duration.ofMillis(400)).build(),
				() -> 0.5, this.time);
		AtomicLong answeredAtMillis = new AtomicLong(-1);
		// The wait may take the attempt timeout beyond the timeout to answer, no longer.
		StepVerifier
			.create(test.client()
				.cancelAndAwait("op_1", Duration.ofMillis(300))
				.doOnNext((operation) -> answeredAtMillis.set(this.time.now(TimeUnit.MILLISECONDS))))
			.then(() -> await().atMost(BLOCK).until(() -> this.requests.size() == 2))
			.then(() -> this.time.advanceTimeBy(Duration.ofMillis(699)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.time.advanceTimeBy(Duration.ofMillis(1)))
			.assertNext((operation) -> assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING))
			.expectComplete()
			.verify(BLOCK);
		assertThat(answeredAtMillis).hasValue(700);
		assertThat(this.requests).containsExactly("POST cancel ", "POST wait {\"timeoutMs\":300}");
	}

	@Test
	void doesNotWaitForAnOperationThatIsAlreadyTerminal() {
		answer("cancel", operation("op_1", OperationStatus.SUCCEEDED));
		TestClient test = client(settings(baseUrl(this.server)).build());
		Operation operation = test.client().cancelAndAwait("op_1", Duration.ofSeconds(2)).block(BLOCK);
		assertThat(operation.status()).isEqualTo(OperationStatus.SUCCEEDED);
		assertThat(this.requests).containsExactly("POST cancel ");
	}

	@Test
	void retriesTheCancelAndTheWait() {
		answer("cancel", error(503), operation("op_1", OperationStatus.CANCELLING));
		answer("wait", error(502), wrapped(OperationStatus.CANCELLED));
		TestClient test = client(settings(baseUrl(this.server)).build());
		Operation operation = test.client().cancelAndAwait("op_1", Duration.ofSeconds(2)).block(BLOCK);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(this.requests).hasSize(4);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
	}

	@Test
	void asksAgainAfterAPauseWhenTheServerAnswersEarlyWithoutFinalStatus() {
		answer("cancel", operation("op_1", OperationStatus.CANCELLING));
		answer("wait", wrapped(OperationStatus.CANCELLING), wrapped(OperationStatus.CANCELLING),
				wrapped(OperationStatus.CANCELLED));
		TestClient test = client(settings(baseUrl(this.server)).build());
		long start = System.nanoTime();
		Operation operation = test.client().cancelAndAwait("op_1", Duration.ofSeconds(3)).block(BLOCK);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLED);
		assertThat(this.requests).hasSize(4);
		// Real pauses (their length is the behaviour): two of 200 ms between the early
		// answers.
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void failsWhenTheCancelFails() {
		answer("cancel", error(404));
		TestClient test = client(settings(baseUrl(this.server)).build());
		assertThat(test.client().cancelAndAwait("op_1", Duration.ofSeconds(1)).onErrorResume((ex) -> {
			assertThat(ex).isInstanceOf(OperationNotFoundException.class);
			return Mono.empty();
		}).block(BLOCK)).isNull();
		assertThat(this.requests).containsExactly("POST cancel ");
	}

	@Test
	void failsWhenTheWaitFailsWithAnErrorOtherThanATimeout() {
		answer("cancel", operation("op_1", OperationStatus.CANCELLING));
		answer("wait", error(403));
		TestClient test = client(settings(baseUrl(this.server)).build());
		assertThat(test.client().cancelAndAwait("op_1", Duration.ofSeconds(1)).onErrorResume((ex) -> {
			assertThat(ex).isInstanceOf(BctrlPermissionException.class);
			return Mono.empty();
		}).block(BLOCK)).isNull();
		assertThat(this.requests).hasSize(2);
	}

	private void answer(String path, MockResponse... responses) {
		this.answers.put(path, new ConcurrentLinkedQueue<>(List.of(responses)));
	}

	private static MockResponse wrapped(OperationStatus status) {
		return WireTestSupport.json(200, "{\"operation\":" + ResilienceFixtures.operationJson("op_1", status) + "}");
	}

	/** Marks a wait answer to be held for the timeout the request asks for. */
	private static MockResponse holdForTheTimeout(MockResponse response) {
		return response.newBuilder().headersDelay(1, TimeUnit.NANOSECONDS).build();
	}

	private static long timeoutMs(String request) {
		Matcher matcher = TIMEOUT_MS.matcher(request);
		assertThat(matcher.find()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

}
