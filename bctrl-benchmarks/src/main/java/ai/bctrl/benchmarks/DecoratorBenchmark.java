package ai.bctrl.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
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
 * bare {@link WebClient} call made as an application would make it: the request built per
 * call with the same URL and default headers as the client's, decoded with a plain
 * mapper. Both use a {@link WebClient.Builder} whose {@link ExchangeFunction} answers
 * from memory with the canned 200 operation, so the difference is what the client adds.
 * {@link #observationOnly} measures Micrometer's own part: an observation of the same
 * shape (six low-cardinality and one high-cardinality key values, the default meter
 * handler's timer and long-task timer) started and stopped around nothing. Run with JMH's
 * GC profiler for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecoratorBenchmark {

	private static final String OPERATION_ID = CannedOperation.ID;

	private static final String BODY = new String(CannedOperation.bytes(), StandardCharsets.UTF_8);

	private static final String BASE_URL = "http://127.0.0.1:9";

	private OperationsClient client;

	private OperationsClient unobservedClient;

	private WebClient bareWebClient;

	private Function<byte[], Operation> decoder;

	private ObservationRegistry observations;

	@Setup
	public void setUp() {
		this.observations = ObservationRegistry.create();
		this.observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		OperationsClientSettings settings = OperationsClientSettings.builder()
			.baseUrl(BASE_URL)
			.apiKey("bctrl_benchmark_key")
			.build();
		this.client = OperationsClient.builder(settings)
			.webClientBuilder(inMemory())
			.observationRegistry(this.observations)
			.build();
		this.unobservedClient = OperationsClient.builder(settings).webClientBuilder(inMemory()).build();
		this.bareWebClient = inMemory().defaultHeaders((headers) -> {
			headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			headers.set(HttpHeaders.USER_AGENT, "bctrl-spring-boot/benchmark");
		}).build();
		this.decoder = BaselineDecoder.operation();
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
		URI uri = URI.create(BASE_URL + "/v1/operations/" + OPERATION_ID + "/cancel");
		return this.bareWebClient.post().uri(uri).retrieve().bodyToMono(byte[].class).map(this.decoder).block();
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

	/**
	 * Micrometer's own cost of an observation shaped like the client's, with the default
	 * meter handler: the part of the observation no client code can remove.
	 */
	@Benchmark
	public Observation observationOnly() {
		Observation observation = Observation
			.createNotStarted(SameShapeConvention.INSTANCE, Observation.Context::new, this.observations)
			.start();
		observation.stop();
		return observation;
	}

	/** Key values of the client's observation, without its context. */
	private static final class SameShapeConvention implements ObservationConvention<Observation.Context> {

		static final SameShapeConvention INSTANCE = new SameShapeConvention();

		private static final KeyValues LOW_CARDINALITY = KeyValues.of("bctrl.client", "default", "bctrl.operation",
				"cancel", "bctrl.operation.status", "none", "exception", "none", "outcome", "SUCCESS", "status",
				"NONE");

		private static final KeyValues HIGH_CARDINALITY = KeyValues.of("bctrl.operation.id", OPERATION_ID);

		@Override
		public String getName() {
			return "bctrl.client.requests";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(Observation.Context context) {
			return LOW_CARDINALITY;
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(Observation.Context context) {
			return HIGH_CARDINALITY;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
