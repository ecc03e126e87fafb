package ai.bctrl.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientMetrics;

/**
 * {@link MeterBinder} for what the bctrl clients keep themselves, tagged
 * {@code bctrl.client=<name>}: {@code bctrl.client.retry.budget.tokens} (tokens left in
 * the retry budget), {@code bctrl.client.retry.budget.refused} (retries the budget
 * refused) and {@code bctrl.client.bulk.concurrency} (current concurrency limit of the
 * running {@code cancelAll} batches). A client built later (by the
 * {@link OperationsClientFactory}) is bound when it is built.
 */
class OperationsClientOwnMetrics implements MeterBinder {

	private final BuiltOperationsClients clients;

	/** Held here: gauges keep only a weak reference to what they read. */
	private final List<OperationsClientMetrics> bound = new CopyOnWriteArrayList<>();

	OperationsClientOwnMetrics(BuiltOperationsClients clients) {
		this.clients = clients;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.clients.each((name, client) -> bind(registry, name, client));
	}

	private void bind(MeterRegistry registry, String name, OperationsClient client) {
		OperationsClientMetrics metrics = OperationsClientMetrics.of(client).orElse(null);
		if (metrics == null) {
			return;
		}
		this.bound.add(metrics);
		Gauge.builder("bctrl.client.retry.budget.tokens", metrics, OperationsClientMetrics::retryBudgetTokens)
			.description("Tokens left in the client's retry budget")
			.tag("bctrl.client", name)
			.register(registry);
		FunctionCounter
			.builder("bctrl.client.retry.budget.refused", metrics, OperationsClientMetrics::retriesRefusedByBudget)
			.description("Retries the client's retry budget refused")
			.tag("bctrl.client", name)
			.register(registry);
		Gauge.builder("bctrl.client.bulk.concurrency", metrics, OperationsClientMetrics::bulkConcurrency)
			.description("Current concurrency limit of the client's running cancelAll batches")
			.tag("bctrl.client", name)
			.register(registry);
	}

}
