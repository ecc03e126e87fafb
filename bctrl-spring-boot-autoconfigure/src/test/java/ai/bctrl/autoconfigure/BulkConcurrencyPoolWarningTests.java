package ai.bctrl.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: {@code bulk.concurrency} is honoured as configured; when the connector Boot
 * builds has a smaller pool, one log line says so instead of a silent cap.
 */
@ExtendWith(OutputCaptureExtension.class)
class BulkConcurrencyPoolWarningTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY)
		.withBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			resources.setConnectionProviderSupplier(() -> ConnectionProvider.create("small", 8));
			return resources;
		});

	@Test
	void aPoolSmallerThanTheConcurrencyIsReportedOnce(CapturedOutput output) {
		this.contextRunner.withPropertyValues("bctrl.api.bulk.concurrency=16").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output.getAll().split("bctrl.api.bulk.concurrency is 16", -1)).hasSize(2);
			assertThat(output.getAll()).contains("holds 8 connections per host");
		});
	}

	@Test
	void aPoolLargeEnoughSaysNothing(CapturedOutput output) {
		this.contextRunner.withPropertyValues("bctrl.api.bulk.concurrency=8")
			.run((context) -> assertThat(output.getAll()).doesNotContain("bctrl.api.bulk.concurrency is"));
	}

}
