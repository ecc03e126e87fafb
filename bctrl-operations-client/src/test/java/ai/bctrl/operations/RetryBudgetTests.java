package ai.bctrl.operations;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetryBudgetSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: the retry budget, one token bucket per client shared by all its calls.
 */
class RetryBudgetTests {

	private static final RetryBudgetSettings SMALL = RetryBudgetSettings.builder()
		.capacity(20)
		.retryCost(5)
		.timeoutRetryCost(10)
		.build();

	private BctrlEmulator emulator;

	@AfterEach
	void stopEmulator() {
		if (this.emulator != null) {
			this.emulator.close();
		}
	}

	@Test
	void retryTakesItsCostAndIsRefusedWhenTooFewTokensAreLeft() {
		RetryBudget budget = new RetryBudget(SMALL);
		BctrlException failure = new BctrlServerException("503", "op", 1, 503, BctrlApiException.ErrorInfo.none());
		for (int i = 0; i < 4; i++) {
			assertThat(budget.tryRetry(failure)).isTrue();
		}
		assertThat(budget.tokens()).isZero();
		assertThat(budget.tryRetry(failure)).isFalse();
		assertThat(budget.refused()).isOne();
	}

	@Test
	void retryAfterTimeoutCostsMore() {
		RetryBudget budget = new RetryBudget(SMALL);
		assertThat(budget.tryRetry(new BctrlTimeoutException("timeout", "op", 1, null))).isTrue();
		assertThat(budget.tokens()).isEqualTo(10);
	}

	@Test
	void firstAttemptSuccessesRefillUpToCapacity() {
		RetryBudget budget = new RetryBudget(SMALL);
		budget.tryRetry(new BctrlTimeoutException("timeout", "op", 1, null));
		for (int i = 0; i < 15; i++) {
			budget.firstAttemptSucceeded();
		}
		assertThat(budget.tokens()).isEqualTo(20);
	}

	@Test
	void retryAfterTheClientsOwnPoolLimitCostsNothing() {
		RetryBudget budget = new RetryBudget(SMALL);
		BctrlException poolFull = new BctrlTransportException("pool", "op", 1, new PoolAcquirePendingLimitException());
		for (int i = 0; i < 100; i++) {
			assertThat(budget.tryRetry(poolFull)).isTrue();
		}
		assertThat(budget.tokens()).isEqualTo(20);
	}

	@Test
	void disabledBudgetNeverRefuses() {
		RetryBudget budget = new RetryBudget(SMALL.toBuilder().enabled(false).build());
		BctrlException failure = new BctrlTransportException("reset", "op", 1, null);
		for (int i = 0; i < 100; i++) {
			assertThat(budget.tryRetry(failure)).isTrue();
		}
		assertThat(budget.refused()).isZero();
	}

	@Test
	void inALongStormRetriesAddAtMostAQuarterToTheLoadOnceTheBudgetIsSpent() {
		this.emulator = BctrlEmulator.builder().port(0).requestLogLimit(100_000).build().start();
		List<String> ids = this.emulator.seed(OperationState.QUEUED, 3_000);
		this.emulator.faults().share(0.3).status(503);
		OperationsClient client = ResilienceFixtures
			.client(ResilienceFixtures.settings(this.emulator.baseUrl())
				.apiKey(this.emulator.apiKey())
				// Room for a loaded machine: the 503s are the storm, not timeouts.
				.attemptTimeout(Duration.ofSeconds(5))
				.deadline(Duration.ofSeconds(20))
				// The breaker would open on a chance run of failures; only the budget is
				// under test.
				.circuitBreaker(CircuitBreakerSettings.builder().enabled(false).build())
				.build())
			.client();
		OperationsClientMetrics metrics = OperationsClientMetrics.of(client).orElseThrow();
		List<CancelResult> spending = cancel(client, ids.subList(0, 1_000));
		assertThat(metrics.retriesRefusedByBudget()).isPositive();
		this.emulator.clearRequests();

		List<CancelResult> storm = cancel(client, ids.subList(1_000, 3_000));

		assertThat(this.emulator.requests().size()).isLessThanOrEqualTo(2_500);
		assertThat(metrics.retryBudgetTokens()).isBetween(0, 500);
		assertThat(storm).filteredOn((result) -> !result.isSuccess())
			.isNotEmpty()
			.anySatisfy((result) -> assertThat(result.error()).isInstanceOf(BctrlServerException.class)
				.hasMessageContaining("retry budget is exhausted"));
		assertThat(spending).hasSize(1_000);
	}

	/** Named like Reactor Netty's (shaded) exception: the client matches it by name. */
	static final class PoolAcquirePendingLimitException extends RuntimeException {

		private static final long serialVersionUID = 1L;

	}

	private static List<CancelResult> cancel(OperationsClient client, List<String> ids) {
		return Flux.fromIterable(ids)
			.flatMap((id) -> client.cancel(id)
				.map((operation) -> CancelResult.success(id, operation))
				.onErrorResume(BctrlException.class,
						(error) -> reactor.core.publisher.Mono.just(CancelResult.failure(id, error))),
					16)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

}
