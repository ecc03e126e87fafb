package ai.bctrl.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * Benchmark 1, what the policy costs without I/O: {@code cancel} through the public
 * builder with its whole per-call pipeline (attempt timeout, circuit breaker, retry,
 * deadline, and the {@code bctrl.client.requests} observation recorded by a real
 * {@link DefaultMeterObservationHandler} into a {@link SimpleMeterRegistry}), against a
 * bare {@link WebClient} call decoded with a plain mapper. Both use a
 * {@link WebClient.Builder} whose {@link ExchangeFunction} answers from memory with the
 * canned 200 operation, so the difference is what the client adds. Run with JMH's GC
 * profiler for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecoratorBenchmark {

	private static final String OPERATION_ID = CannedOperation.ID;

	private static final String BODY = new String(CannedOperation.bytes(), StandardCharsets.UTF_8);

	private OperationsClient client;

	private OperationsClient unobservedClient;

	private Mono<Operation> bare;

	@Setup
	public void setUp() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		OperationsClientSettings settings = OperationsClientSettings.builder()
			.baseUrl("http://127.0.0.1:9")
			.apiKey("bctrl_benchmark_key")
			.build();
		this.client = OperationsClient.builder(settings)
			.webClientBuilder(inMemory())
			.observationRegistry(observations)
			.build();
		this.unobservedClient = OperationsClient.builder(settings).webClientBuilder(inMemory()).build();
		Function<byte[], Operation> decoder = BaselineDecoder.operation();
		this.bare = inMemory().build()
			.post()
			.uri("http://127.0.0.1:9/v1/operations/{id}/cancel", OPERATION_ID)
			.retrieve()
			.bodyToMono(byte[].class)
			.map(decoder);
	}

	/** A WebClient builder whose every exchange answers 200 with the canned operation. */
	private static WebClient.Builder inMemory() {
		ExchangeFunction canned = (request) -> Mono.just(ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(BODY)
			.build());
		return WebClient.builder().exchangeFunction(canned);
	}

	@Benchmark
	public Operation bare() {
		return this.bare.block();
	}

	@Benchmark
	public Operation decorated() {
		return this.client.cancel(OPERATION_ID).block();
	}

	/**
	 * The same without observation (no registry): what the observation costs, by
	 * difference.
	 */
	@Benchmark
	public Operation decoratedUnobserved() {
		return this.unobservedClient.cancel(OPERATION_ID).block();
	}

}
