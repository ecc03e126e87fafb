package ai.bctrl.operations;

import java.util.Optional;

/**
 * Read-only figures of a client's own resilience state, for a meter binder (the Spring
 * Boot starter binds them as {@code bctrl.client.retry.budget.tokens},
 * {@code bctrl.client.retry.budget.refused} and {@code bctrl.client.bulk.concurrency}).
 * Every figure is the client's: clients {@link OperationsClient#withOptions derived} from
 * it share them. The client module itself depends on no meter registry.
 */
public final class OperationsClientMetrics {

	private final CallPipeline pipeline;

	private OperationsClientMetrics(CallPipeline pipeline) {
		this.pipeline = pipeline;
	}

	/**
	 * The figures of a client built by {@link OperationsClient#builder}.
	 * @param client the client
	 * @return its figures, or empty for another implementation (a stub, a user's own
	 * client)
	 */
	public static Optional<OperationsClientMetrics> of(OperationsClient client) {
		return (client instanceof DefaultOperationsClient own)
				? Optional.of(new OperationsClientMetrics(own.pipeline())) : Optional.empty();
	}

	/**
	 * Tokens left in the retry budget ({@code bctrl.api.retry.budget.*}).
	 * @return the tokens left
	 */
	public int retryBudgetTokens() {
		return this.pipeline.retryBudget().tokens();
	}

	/**
	 * Retries the budget refused since the client was built: calls that failed with their
	 * own error instead of being retried.
	 * @return the number of refused retries
	 */
	public long retriesRefusedByBudget() {
		return this.pipeline.retryBudget().refused();
	}

	/**
	 * Current concurrency limit of the client's running {@code cancelAll} batches,
	 * summed; zero when none runs. Adaptive batches halve it on throttling and timeouts.
	 * @return the current bulk concurrency
	 */
	public int bulkConcurrency() {
		return this.pipeline.bulkConcurrency().get();
	}

}
