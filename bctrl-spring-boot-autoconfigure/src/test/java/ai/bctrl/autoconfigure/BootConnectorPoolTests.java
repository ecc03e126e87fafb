package ai.bctrl.autoconfigure;

import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

import ai.bctrl.autoconfigure.OperationsClientAutoConfiguration.BootClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4: {@code bulk.concurrency} is honoured as configured and the client's own
 * limits are not failures: the connector Boot builds for the client has a pool of its
 * own, whatever the application's pool holds, and closes it with the context.
 */
class BootConnectorPoolTests {

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
	void poolIsTheClientsOwnAndLargeEnoughForTheBulkConcurrency() {
		this.contextRunner.withPropertyValues("bctrl.api.bulk.concurrency=640").run((context) -> {
			ConnectionProvider pool = context.getBean(BootClientHttpConnector.class).pool();
			assertThat(pool).isNotNull();
			assertThat(pool.maxConnections()).isEqualTo(640);
			assertThat(pool).isNotSameAs(context.getBean(ReactorResourceFactory.class).getConnectionProvider());
		});
	}

	@Test
	void poolHoldsAtLeastAsManyConnectionsAsReactorNettysGlobalPool() {
		this.contextRunner.withPropertyValues("bctrl.api.bulk.concurrency=16")
			.run((context) -> assertThat(context.getBean(BootClientHttpConnector.class).pool().maxConnections())
				.isEqualTo(500));
	}

	@Test
	void poolIsClosedWithTheContext() {
		ConnectionProvider[] pool = new ConnectionProvider[1];
		this.contextRunner.run((context) -> pool[0] = context.getBean(BootClientHttpConnector.class).pool());
		assertThat(pool[0].isDisposed()).isTrue();
	}

}
