package ai.bctrl.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * DESIGN §5: nothing prints a base URL's user info, the health details included, even
 * when the application's own client means the property was never validated.
 */
class HealthBaseUrlSecrecyTests {

	@Test
	void healthDetailsNeverShowUserInfoOfTheBaseUrlProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class,
					OperationsClientHealthContributorAutoConfiguration.class))
			.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY,
					"bctrl.api.base-url=https://user:s3cr3t-pw@api.bctrl.ai/v")
			.withBean(OperationsClient.class, () -> mock(OperationsClient.class))
			.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
			.run((context) -> {
				Object baseUrl = context.getBean("bctrlHealthIndicator", HealthIndicator.class)
					.health()
					.getDetails()
					.get("baseUrl");
				assertThat(String.valueOf(baseUrl)).doesNotContain("s3cr3t-pw").contains("api.bctrl.ai/v");
			});
	}

}
