package ai.bctrl.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients' retry budget and bulk concurrency meters, bound by
 * {@link OperationsClientMetricsAutoConfiguration}.
 */
class OperationsClientOwnMetricsTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				OperationsClientAutoConfiguration.class, OperationsClientMetricsAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.retry.initial-backoff=1ms");

	@Test
	void retryBudgetTokensGaugeShowsWhatARetryTook() {
		this.server.enqueue(TestResponses.error(503));
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		this.contextRunner.withPropertyValues("bctrl.api.base-url=" + this.server.url("/")).run((context) -> {
			context.getBean(OperationsClient.class).cancel("op-1").block(Duration.ofSeconds(10));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("bctrl.client.retry.budget.tokens").tag("bctrl.client", "default").gauge().value())
				.isEqualTo(495);
			assertThat(registry.get("bctrl.client.retry.budget.refused")
				.tag("bctrl.client", "default")
				.functionCounter()
				.count()).isZero();
			assertThat(registry.get("bctrl.client.bulk.concurrency").tag("bctrl.client", "default").gauge().value())
				.isZero();
		});
	}

	@Test
	void bindsClientsTheFactoryCreatesLater() {
		this.contextRunner.withPropertyValues("bctrl.api.base-url=" + this.server.url("/")).run((context) -> {
			context.getBean(OperationsClientFactory.class).create("tenant-a", (settings) -> {
			});
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("bctrl.client.retry.budget.tokens").tag("bctrl.client", "tenant-a").gauge().value())
				.isEqualTo(500);
		});
	}

}
