package ai.bctrl.operations;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: the retry loop does not grow the stack with the number of attempts. The
 * settings allow 10 attempts at most, so the loop is driven directly, with a policy that
 * allows 10,000.
 */
class RetryLoopDepthTests {

	private static final int ATTEMPTS = 10_000;

	@Test
	void tenThousandFastFailuresDoNotGrowTheStack() {
		RetrySettings retry = ResilienceFixtures.RETRY.toBuilder()
			.maxAttempts(3)
			.initialBackoff(Duration.ofMillis(1))
			.maxBackoff(Duration.ofMillis(1))
			.build();
		OperationsClient.Builder builder = OperationsClient.builder(
				ResilienceFixtures.settings("http://127.0.0.1:1").retry(retry).deadline(Duration.ofMinutes(5)).build());
		ExceptionMapping failures = new ExceptionMapping(ResilienceFixtures.API_KEY, new OperationsJson(),
				builder.clock);
		// Without a budget: ten thousand retries in a row are the point here.
		RetryLoop loop = new RetryLoop(builder, new RetryPolicy(retry, () -> 0.0, ATTEMPTS), failures,
				new RetryBudget(OperationsClientSettings.RetryBudgetSettings.builder().enabled(false).build()));
		Call call = new Call("cancel", "op-1", HttpMethod.POST, URI.create("http://127.0.0.1:1/v1/operations/op-1"),
				null, Duration.ofSeconds(1), Duration.ofMinutes(5), ATTEMPTS, System::nanoTime);
		AtomicInteger started = new AtomicInteger();
		Operation done = new OperationsJson()
			.readOperation(WireTestSupport.MINIMAL_OPERATION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		// Every attempt but the last fails at once, as a refused connection would.
		Mono<Operation> attempt = Mono.defer(() -> {
			call.attempts = started.incrementAndGet();
			if (call.attempts < ATTEMPTS) {
				return Mono.error(failures.translate(call, new IOException("Connection refused")));
			}
			return Mono.just(done);
		});
		AtomicInteger depthAtResult = new AtomicInteger();

		Retry.AsyncContext<Operation> retryState = loop.newState();
		Operation result = attempt.onErrorResume((failure) -> loop.retries(call, failure, attempt, retryState))
			.doOnNext((operation) -> depthAtResult.set(Thread.currentThread().getStackTrace().length))
			.block(Duration.ofMinutes(2));

		assertThat(result).isSameAs(done);
		assertThat(started).hasValue(ATTEMPTS);
		assertThat(depthAtResult.get()).isLessThan(500);
	}

}
