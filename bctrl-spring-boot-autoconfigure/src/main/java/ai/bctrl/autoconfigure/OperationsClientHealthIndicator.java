package ai.bctrl.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.util.UriComponentsBuilder;

import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * {@link HealthIndicator} of the bctrl operations clients, from the state of their
 * circuit breakers; it sends no request.
 *
 * <p>
 * Details: {@code baseUrl}; {@code circuitBreaker}, the breaker state ({@code CLOSED},
 * {@code OPEN}, {@code HALF_OPEN}, ...), or {@code DISABLED} when the breaker is switched
 * off, or {@code UNKNOWN} when the registry holds no breaker of the client (a
 * user-defined client built on another registry); {@code failureRate} (once the minimum
 * number of calls has been seen) and {@code failureRateThreshold}, in percent;
 * {@code bufferedCalls}, {@code failedCalls} and {@code notPermittedCalls}. The same
 * details of every other client (configured accounts, clients created through the
 * {@link OperationsClientFactory}) are in {@code clients}, one entry per client name.
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

	private final Supplier<Map<String, OperationsClientSettings>> otherClients;

	OperationsClientHealthIndicator(CircuitBreakerRegistry circuitBreakerRegistry, String baseUrl,
			boolean circuitBreakerEnabled, boolean failOnOpenCircuit) {
		this(circuitBreakerRegistry, baseUrl, circuitBreakerEnabled, failOnOpenCircuit, Map::of);
	}

	/**
	 * Create the indicator.
	 * @param circuitBreakerRegistry the registry of the clients' breakers, or
	 * {@code null}
	 * @param baseUrl the default client's base URL
	 * @param circuitBreakerEnabled whether the default client has a breaker
	 * @param failOnOpenCircuit whether an open breaker reports {@code DOWN}
	 * @param otherClients the settings of the other clients by name, asked on each check
	 */
	OperationsClientHealthIndicator(CircuitBreakerRegistry circuitBreakerRegistry, String baseUrl,
			boolean circuitBreakerEnabled, boolean failOnOpenCircuit,
			Supplier<Map<String, OperationsClientSettings>> otherClients) {
		this.circuitBreakerRegistry = circuitBreakerRegistry;
		this.baseUrl = withoutUserInfo(baseUrl);
		this.circuitBreakerEnabled = circuitBreakerEnabled;
		this.failOnOpenCircuit = failOnOpenCircuit;
		this.otherClients = otherClients;
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
		Health.Builder health = Health.up();
		boolean open = describe(health::withDetail, OperationsClient.Builder.DEFAULT_NAME, this.baseUrl,
				this.circuitBreakerEnabled);
		Map<String, Object> clients = new LinkedHashMap<>();
		for (Map.Entry<String, OperationsClientSettings> client : this.otherClients.get().entrySet()) {
			Map<String, Object> details = new LinkedHashMap<>();
			OperationsClientSettings settings = client.getValue();
			open |= describe(details::put, client.getKey(), settings.baseUrl().toString(),
					settings.circuitBreaker().enabled());
			clients.put(client.getKey(), details);
		}
		if (!clients.isEmpty()) {
			health.withDetail("clients", clients);
		}
		if (open && this.failOnOpenCircuit) {
			health.status(Status.DOWN);
		}
		return health.build();
	}

	/**
	 * Add the details of one client.
	 * @return whether its breaker is open
	 */
	private boolean describe(BiConsumer<String, Object> details, String clientName, String baseUrl,
			boolean breakerEnabled) {
		details.accept("baseUrl", baseUrl);
		Optional<CircuitBreaker> found = (this.circuitBreakerRegistry != null)
				? this.circuitBreakerRegistry.find(OperationsClient.Builder.resilienceInstanceName(clientName))
				: Optional.empty();
		if (found.isEmpty()) {
			details.accept("circuitBreaker", (breakerEnabled) ? "UNKNOWN" : "DISABLED");
			return false;
		}
		CircuitBreaker breaker = found.get();
		CircuitBreaker.State state = breaker.getState();
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		details.accept("circuitBreaker", state.name());
		if (metrics.getFailureRate() >= 0) {
			details.accept("failureRate", metrics.getFailureRate());
		}
		details.accept("failureRateThreshold", breaker.getCircuitBreakerConfig().getFailureRateThreshold());
		details.accept("bufferedCalls", metrics.getNumberOfBufferedCalls());
		details.accept("failedCalls", metrics.getNumberOfFailedCalls());
		details.accept("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
		return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
	}

}
