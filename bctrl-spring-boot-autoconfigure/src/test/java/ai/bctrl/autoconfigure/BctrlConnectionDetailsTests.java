package ai.bctrl.autoconfigure;

import java.net.URI;
import java.time.Duration;

import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;

import ai.bctrl.operations.BlockingOperationsClient;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BctrlConnectionDetails}: registered from the properties unless the
 * application defines its own, which then decides where the default client connects.
 */
class BctrlConnectionDetailsTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class,
				OperationsClientHealthContributorAutoConfiguration.class));

	@Test
	void registersConnectionDetailsFromTheProperties() {
		this.contextRunner
			.withPropertyValues("bctrl.api.key=sk-from-properties", "bctrl.api.base-url=https://eu.bctrl.example/")
			.run((context) -> {
				BctrlConnectionDetails details = context.getBean(BctrlConnectionDetails.class);
				assertThat(details).isInstanceOf(PropertiesBctrlConnectionDetails.class);
				assertThat(details.baseUrl()).isEqualTo(URI.create("https://eu.bctrl.example/"));
				assertThat(details.apiKey()).isEqualTo("sk-from-properties");
			});
	}

	@Test
	void connectionDetailsBeanWinsOverTheProperties() {
		this.contextRunner
			.withPropertyValues("bctrl.api.key=sk-from-properties", "bctrl.api.base-url=https://api.bctrl.example")
			.withBean(BctrlConnectionDetails.class, () -> details(this.server.url("/").uri(), "sk-from-bean"))
			.run((context) -> {
				assertThat(context).hasSingleBean(BctrlConnectionDetails.class)
					.doesNotHaveBean(PropertiesBctrlConnectionDetails.class);
				this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
				assertThat(context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK).status())
					.isEqualTo(OperationStatus.CANCELLING);
				assertThat(this.server.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
					.isEqualTo("Bearer sk-from-bean");
				assertThat(context.getBean("bctrlHealthIndicator", HealthIndicator.class).health().getDetails())
					.containsEntry("baseUrl", this.server.url("/").toString());
			});
	}

	@Test
	void connectionDetailsBeanNeedsNoKeyProperty() {
		this.contextRunner.withBean(BctrlConnectionDetails.class, () -> details(this.server.url("/").uri(), "sk-bean"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OperationsClient.class));
	}

	@Test
	void accountsInheritTheBaseUrlOfTheConnectionDetails() {
		this.contextRunner.withPropertyValues("bctrl.api.accounts.eu.key=sk-eu")
			.withBean(BctrlConnectionDetails.class, () -> details(this.server.url("/").uri(), "sk-bean"))
			.run((context) -> {
				this.server.enqueue(TestResponses.operation("op-1", "running"));
				context.getBean(OperationsClientFactory.class).client("eu").get("op-1").block(BLOCK);
				assertThat(this.server.takeRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
					.isEqualTo("Bearer sk-eu");
			});
	}

	@Test
	void blockingClientBeanIsTheDefaultClientBlocking() {
		this.contextRunner.withPropertyValues("bctrl.api.key=sk", "bctrl.api.base-url=" + this.server.url("/"))
			.run((context) -> {
				this.server.enqueue(TestResponses.operation("op-1", "running"));
				assertThat(context.getBean(BlockingOperationsClient.class).get("op-1").id()).isEqualTo("op-1");
			});
	}

	private static BctrlConnectionDetails details(URI baseUrl, String apiKey) {
		return new BctrlConnectionDetails() {

			@Override
			public URI baseUrl() {
				return baseUrl;
			}

			@Override
			public String apiKey() {
				return apiKey;
			}

		};
	}

}
