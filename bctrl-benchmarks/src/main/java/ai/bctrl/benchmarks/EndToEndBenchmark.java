package ai.bctrl.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import ai.bctrl.benchmarks.ClosedLoop.Measurement;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * Benchmark 2, end to end on loopback against {@link CannedOperationServer}: (a) a raw
 * {@code WebClient} reading the body as a {@code String}, (b) the same plus decoding into
 * {@link Operation} with a plain mapper ({@link BaselineDecoder}), (c)
 * {@link OperationsClient#cancel} with the whole default policy and the observation. (a)
 * and (b) use Reactor Netty's global connection pool, (c) the client's own pool of the
 * same kind; all use the client's connect timeout, headers and codec limit. In each round
 * (b) and (c) run in turns of short slices (A B B A …, {@value #TURNS} slices each), so
 * that the drift of a shared machine within a round weighs on both alike; (a) runs after
 * them.
 */
final class EndToEndBenchmark implements AutoCloseable {

	/** The three ways to make the call. */
	enum Variant {

		RAW_STRING("a", "raw WebClient, body as String"),

		RAW_DECODED("b", "raw WebClient + decode into Operation"),

		CLIENT("c", "OperationsClient.cancel, full default policy + observation");

		final String label;

		final String description;

		Variant(String label, String description) {
			this.label = label;
			this.description = description;
		}

	}

	static final int[] CONCURRENCIES = { 1, 16 };

	/** Slices each of (b) and (c) runs in per round, in turns with the other. */
	static final int TURNS = 6;

	private final CannedOperationServer server = new CannedOperationServer();

	private final Map<Variant, Supplier<Mono<?>>> calls = new EnumMap<>(Variant.class);

	EndToEndBenchmark() {
		String baseUrl = this.server.baseUrl();
		OperationsClientSettings settings = OperationsClientSettings.builder()
			.baseUrl(baseUrl)
			.apiKey("bctrl_benchmark_key")
			.build();
		WebClient raw = rawWebClient(settings);
		String uri = baseUrl + "/v1/operations/{id}/cancel";
		Function<byte[], Operation> decoder = BaselineDecoder.operation();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		OperationsClient client = OperationsClient.builder(settings)
			.webClientBuilder(WebClient.builder())
			.observationRegistry(observations)
			.build();
		String id = CannedOperation.ID;
		this.calls.put(Variant.RAW_STRING, () -> raw.post().uri(uri, id).retrieve().bodyToMono(String.class));
		this.calls.put(Variant.RAW_DECODED,
				() -> raw.post().uri(uri, id).retrieve().bodyToMono(byte[].class).map(decoder));
		this.calls.put(Variant.CLIENT, () -> client.cancel(id));
	}

	/** A WebClient set up as the client sets up its own, without the policy. */
	private static WebClient rawWebClient(OperationsClientSettings settings) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize((int) settings.maxResponseSize()))
			.defaultHeaders((headers) -> {
				headers.setBearerAuth(settings.apiKey());
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set(HttpHeaders.USER_AGENT, "bctrl-spring-boot/benchmark");
			})
			.build();
	}

	/**
	 * Warm every variant up at every concurrency, then measure them round by round.
	 * @param rounds number of rounds
	 * @param warmup warm-up time per variant and concurrency
	 * @param duration measuring time per variant, concurrency and round
	 * @param progress where to report each run
	 * @return every round's measurements
	 */
	List<Round> run(int rounds, Duration warmup, Duration duration, Consumer<String> progress) {
		for (int concurrency : CONCURRENCIES) {
			for (Variant variant : Variant.values()) {
				ClosedLoop.run(this.calls.get(variant), concurrency, warmup);
			}
		}
		List<Round> results = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			// (b) and (c), whose ratios are the figures, run in turns of short slices.
			Variant[] pair = (round % 2 == 0) ? new Variant[] { Variant.RAW_DECODED, Variant.CLIENT }
					: new Variant[] { Variant.CLIENT, Variant.RAW_DECODED };
			Map<Integer, Map<Variant, Measurement>> byConcurrency = new TreeMap<>();
			for (int concurrency : CONCURRENCIES) {
				Map<Variant, Supplier<Mono<?>>> turns = new LinkedHashMap<>();
				for (Variant variant : pair) {
					turns.put(variant, this.calls.get(variant));
				}
				Map<Variant, Measurement> measured = new EnumMap<>(Variant.class);
				measured.putAll(ClosedLoop.runInTurns(turns, concurrency, duration.dividedBy(TURNS), TURNS));
				measured.put(Variant.RAW_STRING,
						ClosedLoop.run(this.calls.get(Variant.RAW_STRING), concurrency, duration));
				for (Variant variant : Variant.values()) {
					Measurement measurement = measured.get(variant);
					progress.accept(String.format(
							"  e2e round %d c%-2d (%s) %9.0f calls/s  p50 %6.1f us  p99 %7.1f us  cpu %6.1f us  %6.0f B",
							round + 1, concurrency, variant.label, measurement.throughput(),
							measurement.p50Nanos() / 1e3, measurement.p99Nanos() / 1e3,
							measurement.cpuNanosPerCall() / 1e3, measurement.bytesPerCall()));
				}
				Measurement client = measured.get(Variant.CLIENT);
				Measurement decoded = measured.get(Variant.RAW_DECODED);
				progress.accept(String.format(
						"  e2e round %d c%-2d (c)/(b): throughput %.3f, p50 %.3f, cpu %+.1f us, %+.0f B per call",
						round + 1, concurrency, client.throughput() / decoded.throughput(),
						(double) client.p50Nanos() / decoded.p50Nanos(),
						(client.cpuNanosPerCall() - decoded.cpuNanosPerCall()) / 1e3,
						client.bytesPerCall() - decoded.bytesPerCall()));
				byConcurrency.put(concurrency, measured);
			}
			results.add(new Round(byConcurrency));
		}
		return results;
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * One round: a measurement per concurrency and variant.
	 *
	 * @param measurements by concurrency, then variant
	 */
	record Round(Map<Integer, Map<Variant, Measurement>> measurements) {

		Measurement get(int concurrency, Variant variant) {
			return this.measurements.get(concurrency).get(variant);
		}

	}

}
