package ai.bctrl.autoconfigure;

import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.util.UriComponentsBuilder;

import ai.bctrl.operations.OperationsClient;

/**
 * {@link HealthIndicator} of the bctrl operations client, from the state of its circuit
 * breaker; it sends no request.
 *
 * <p>
 * Details: {@code baseUrl}; {@code circuitBreaker}, the breaker state ({@code CLOSED},
 * {@code OPEN}, {@code HALF_OPEN}, ...), or {@code DISABLED} when the breaker is switched
 * off, or {@code UNKNOWN} when the registry holds no breaker of the client (a
 * user-defined client built on another registry); {@code failureRate} (once the minimum
 * number of calls has been seen) and {@code failureRateThreshold}, in percent;
 * {@code bufferedCalls}, {@code failedCalls} and {@code notPermittedCalls}.
 *
 * <p>
 * The status is {@code UP}, also while the breaker is open: the client then fails calls
 * fast, but the application itself is working. With {@code failOnOpenCircuit} an open
 * breaker reports {@code DOWN}, the status Spring Boot uses for an unavailable
 * dependency: the overall health turns {@code DOWN} (HTTP 503); health groups such as
 * readiness include {@code bctrl} only when configured to.
 */
class OperationsClientHealthIndicator implements HealthIndicator {

	private final CircuitBreakerRegistry circuitBreakerRegistry;

	private final String baseUrl;

	private final boolean circuitBreakerEnabled;

	private final boolean failOnOpenCircuit;

	OperationsClientHealthIndicator(CircuitBreakerRegistry circuitBreakerRegistry, String baseUrl,
			boolean circuitBreakerEnabled, boolean failOnOpenCircuit) {
		this.circuitBreakerRegistry = circuitBreakerRegistry;
		this.baseUrl = withoutUserInfo(baseUrl);
		this.circuitBreakerEnabled = circuitBreakerEnabled;
		this.failOnOpenCircuit = failOnOpenCircuit;
	}

	/**
	 * The URL as it may be shown: user info is a password more often than not (the
	 * property is only validated when the auto-configured client uses it).
	 */
	private static String withoutUserInfo(String baseUrl) {
		try {
			return UriComponentsBuilder.fromUriString(baseUrl).userInfo(null).build().toUriString();
		}
		catch (IllegalArgumentException ex) {
			return "(not a valid URL)";
		}
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("baseUrl", this.baseUrl);
		Optional<CircuitBreaker> found = (this.circuitBreakerRegistry != null)
				? this.circuitBreakerRegistry.find(OperationsClient.Builder.RESILIENCE_INSTANCE_NAME)
				: Optional.empty();
		if (found.isEmpty()) {
			return health.withDetail("circuitBreaker", (this.circuitBreakerEnabled) ? "UNKNOWN" : "DISABLED").build();
		}
		CircuitBreaker breaker = found.get();
		CircuitBreaker.State state = breaker.getState();
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		health.withDetail("circuitBreaker", state.name());
		if (metrics.getFailureRate() >= 0) {
			health.withDetail("failureRate", metrics.getFailureRate());
		}
		health.withDetail("failureRateThreshold", breaker.getCircuitBreakerConfig().getFailureRateThreshold())
			.withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
			.withDetail("failedCalls", metrics.getNumberOfFailedCalls())
			.withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
		boolean open = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
		if (open && this.failOnOpenCircuit) {
			health.status(Status.DOWN);
		}
		return health.build();
	}

}
