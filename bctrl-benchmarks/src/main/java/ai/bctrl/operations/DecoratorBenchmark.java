package ai.bctrl.operations;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import ai.bctrl.benchmarks.CannedOperation;

/**
 * Benchmark 1, what the policy costs without I/O: {@code cancel} with its whole per-call
 * pipeline (attempt timeout, circuit breaker, retry, deadline, and the
 * {@code bctrl.client.requests} observation recorded by a real
 * {@link DefaultMeterObservationHandler} into a {@link SimpleMeterRegistry}) around an
 * already-completed {@link Mono}, against the bare {@link Mono}. Run with JMH's GC
 * profiler for bytes per call.
 *
 * <p>
 * In the client's package: the pipeline is package-private, reached through
 * {@link DefaultOperationsClient#cancel(String, Mono)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecoratorBenchmark {

	private static final String OPERATION_ID = CannedOperation.ID;

	private DefaultOperationsClient client;

	private DefaultOperationsClient unobservedClient;

	private Mono<Operation> completed;

	@Setup
	public void setUp() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		OperationsClientSettings settings = OperationsClientSettings.builder()
			.baseUrl("http://127.0.0.1:9")
			.apiKey("bctrl_benchmark_key")
			.build();
		this.client = (DefaultOperationsClient) OperationsClient.builder(settings)
			.observationRegistry(observations)
			.build();
		this.unobservedClient = (DefaultOperationsClient) OperationsClient.builder(settings).build();
		// Hidden: block() cannot take the value out of a scalar Mono without subscribing,
		// the
		// same subscription path as an HTTP exchange.
		this.completed = Mono.just(new OperationsJson().readOperation(CannedOperation.bytes())).hide();
	}

	@Benchmark
	public Operation bare() {
		return this.completed.block();
	}

	@Benchmark
	public Operation decorated() {
		return this.client.cancel(OPERATION_ID, this.completed).block();
	}

	/**
	 * The same without observation (no registry): what the observation costs, by
	 * difference.
	 */
	@Benchmark
	public Operation decoratedUnobserved() {
		return this.unobservedClient.cancel(OPERATION_ID, this.completed).block();
	}

}
