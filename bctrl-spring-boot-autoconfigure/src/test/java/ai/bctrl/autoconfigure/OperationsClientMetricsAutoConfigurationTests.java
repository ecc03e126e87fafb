package ai.bctrl.autoconfigure;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;

import ai.bctrl.operations.DefaultOperationsObservationConvention;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the metrics of the bctrl client: the {@code bctrl.client.requests} timer from
 * the observation and the Resilience4j meters bound by
 * {@link OperationsClientMetricsAutoConfiguration}, after real calls to a loopback
 * server.
 */
class OperationsClientMetricsAutoConfigurationTests {

	private static final Duration BLOCK = TestResponses.BLOCK;

	private static final String INSTANCE = OperationsClient.Builder.RESILIENCE_INSTANCE_NAME;

	private static final Set<String> OBSERVATION_KEYS = Set.of("bctrl.client", "bctrl.operation", "outcome", "status",
			"exception", "bctrl.operation.status");

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				OperationsClientAutoConfiguration.class, OperationsClientMetricsAutoConfiguration.class))
		.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.retry.initial-backoff=1ms");

	private ApplicationContextRunner againstServer() {
		return this.contextRunner.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.base-url=" + this.server.url("/"));
	}

	@Test
	void recordsATimerOfEachCallTaggedWithTheObservationKeys() {
		this.server.enqueue(TestResponses.operation("op-7f3a", "cancelling"));
		againstServer().run((context) -> {
			context.getBean(OperationsClient.class).cancel("op-7f3a").block(BLOCK);
			Timer cancel = context.getBean(MeterRegistry.class)
				.get(DefaultOperationsObservationConvention.NAME)
				.tags("bctrl.client", "default", "bctrl.operation", "cancel", "outcome", "SUCCESS")
				.timer();
			assertThat(cancel.count()).isOne();
			// The observation's own keys, plus the "error" tag Micrometer's meter handler
			// adds.
			assertThat(tagKeys(cancel)).containsAll(OBSERVATION_KEYS);
			assertThat(tagKeys(cancel)).filteredOn((key) -> !OBSERVATION_KEYS.contains(key)).containsOnly("error");
		});
	}

	@Test
	void recordsHttpClientRequestsForEachAttempt() {
		this.server.enqueue(TestResponses.error(503));
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					WebClientObservationAutoConfiguration.class))
			.run((context) -> {
				context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(DefaultOperationsObservationConvention.NAME).timer().count()).isOne();
				assertThat(registry.get("http.client.requests").timers())
					.extracting((timer) -> timer.getId().getTag("status") + "x" + timer.count())
					.containsExactlyInAnyOrder("503x1", "200x1");
			});
	}

	@Test
	void bindsResilience4jMetersTaggedWithInstanceName() {
		this.server.enqueue(TestResponses.error(503));
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().run((context) -> {
			assertThat(context).hasSingleBean(OperationsClientResilienceMetrics.class);
			context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("resilience4j.circuitbreaker.state")
				.tags("name", INSTANCE, "state", "closed")
				.gauge()
				.value()).isOne();
			assertThat(registry.get("resilience4j.circuitbreaker.calls")
				.tags("name", INSTANCE, "kind", "failed")
				.timer()
				.count()).isOne();
			assertThat(registry.get("resilience4j.retry.calls")
				.tags("name", INSTANCE, "kind", "successful_with_retry")
				.functionCounter()
				.count()).isOne();
		});
	}

	@Test
	void bindsOnlyTheClientsResilienceInstances() {
		CircuitBreakerRegistry userRegistry = CircuitBreakerRegistry.ofDefaults();
		userRegistry.circuitBreaker("payments");
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> userRegistry).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", INSTANCE).gauges()).isNotEmpty();
			assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "payments").gauges()).isEmpty();
		});
	}

	@Test
	void bindsMetersOfInstancesCreatedAfterBinding() {
		this.contextRunner
			.withInitializer(
					(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("resilience4j.retry.calls").tag("name", INSTANCE).meters()).isEmpty();
				context.getBean(OperationsClient.class);
				assertThat(registry.find("resilience4j.retry.calls").tag("name", INSTANCE).meters()).isNotEmpty();
				assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", INSTANCE).gauges())
					.isNotEmpty();
			});
	}

	@Test
	void usesUserDefinedObservationConvention() {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer()
			.withBean(OperationsObservationConvention.class,
					() -> new DefaultOperationsObservationConvention("acme.bctrl.calls"))
			.run((context) -> {
				context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("acme.bctrl.calls").timer().count()).isOne();
				assertThat(registry.find(DefaultOperationsObservationConvention.NAME).meters()).isEmpty();
			});
	}

	@Test
	void worksWithoutMicrometerCore() {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class,
					OperationsClientMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues(TestResponses.GENEROUS_TIMEOUTS)
			.withPropertyValues("bctrl.api.key=" + TestResponses.API_KEY, "bctrl.api.base-url=" + this.server.url("/"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OperationsClientResilienceMetrics.class);
				assertThat(context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK).status())
					.isEqualTo(OperationStatus.CANCELLING);
			});
	}

	@Test
	void worksWithoutResilience4jMicrometer() {
		this.server.enqueue(TestResponses.operation("op-1", "cancelling"));
		againstServer().withClassLoader(new FilteredClassLoader(TaggedCircuitBreakerMetricsPublisher.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OperationsClientResilienceMetrics.class);
				context.getBean(OperationsClient.class).cancel("op-1").block(BLOCK);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(DefaultOperationsObservationConvention.NAME).timer().count()).isOne();
				assertThat(registry.find("resilience4j.circuitbreaker.state").meters()).isEmpty();
			});
	}

	@Test
	void doesNotBindMetersWhenClientIsDisabled() {
		this.contextRunner.withPropertyValues("bctrl.api.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OperationsClientResilienceMetrics.class));
	}

	private static Set<String> tagKeys(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
	}

}
