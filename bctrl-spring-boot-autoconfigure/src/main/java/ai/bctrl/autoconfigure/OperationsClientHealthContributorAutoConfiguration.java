package ai.bctrl.autoconfigure;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import ai.bctrl.operations.OperationsClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code bctrl} health
 * contributor: the state of the {@link OperationsClient}'s circuit breaker and the base
 * URL, and the same of each client of the {@link OperationsClientFactory}. Switched off
 * with {@code management.health.bctrl.enabled=false}; an open breaker reports
 * {@code DOWN} only with {@code bctrl.api.health.fail-on-open-circuit=true}.
 */
@AutoConfiguration(after = OperationsClientAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(OperationsClient.class)
@EnableConfigurationProperties(OperationsClientProperties.class)
public final class OperationsClientHealthContributorAutoConfiguration {

	// On the method, not the class: its condition class is only loadable when the class
	// conditions above have matched.
	@Bean
	@ConditionalOnEnabledHealthIndicator("bctrl")
	@ConditionalOnMissingBean(name = { "bctrlHealthIndicator", "bctrlHealthContributor" })
	OperationsClientHealthIndicator bctrlHealthIndicator(OperationsClientProperties properties,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakerRegistry,
			ObjectProvider<BctrlConnectionDetails> connectionDetails,
			ObjectProvider<DefaultOperationsClientFactory> clientFactory) {
		BctrlConnectionDetails details = connectionDetails.getIfUnique();
		// The properties' own details: the base URL as configured.
		String baseUrl = (details == null || details instanceof PropertiesBctrlConnectionDetails)
				? properties.getBaseUrl() : details.baseUrl().toString();
		DefaultOperationsClientFactory factory = clientFactory.getIfUnique();
		return new OperationsClientHealthIndicator(circuitBreakerRegistry.getIfUnique(), baseUrl,
				properties.getCircuitBreaker().isEnabled(), properties.getHealth().isFailOnOpenCircuit(),
				(factory != null) ? factory::clientSettings : Map::of);
	}

}
