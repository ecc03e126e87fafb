package ai.bctrl.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import ai.bctrl.benchmarks.ClosedLoop.Measurement;
import ai.bctrl.benchmarks.EndToEndBenchmark.Variant;

/**
 * Runs the five benchmarks of the module in one go, prints every figure and the headline
 * ratios, and writes {@code results.json} and the chart {@code benchmarks.svg} drawn from
 * it.
 *
 * <pre>
 * java -jar bctrl-benchmarks/target/benchmarks.jar [--out DIR] [--smoke]
 * java -jar bctrl-benchmarks/target/benchmarks.jar --chart results.json [chart.svg]
 * java -jar bctrl-benchmarks/target/benchmarks.jar --only decorator|e2e|bulk|bulk-rate|outage|million
 * java -jar bctrl-benchmarks/target/benchmarks.jar --only soak [--duration 10m]
 * </pre>
 *
 * {@code --only} runs one benchmark and prints its figures, without ratios or files: for
 * profiling one of them (with {@code -XX:StartFlightRecording}, for example). Two run
 * only this way, being long: {@code soak} (the client under mixed faults for
 * {@code --duration}, 10 minutes unless given, as {@code 90s}, {@code 10m} or {@code 1h})
 * and {@code million} ({@code cancelAll} of 1,000,000 ids in constant memory).
 *
 * The default output directory is {@code bctrl-benchmarks/target/benchmark-results}.
 */
public final class BenchmarkReport {

	static final String RESULTS_FILE = "results.json";

	static final String CHART_FILE = "benchmarks.svg";

	/** The emulator's latency of the bulk efficiency benchmark (DESIGN §8). */
	private static final Duration BULK_RATE_LATENCY = Duration.ofMillis(20);

	private static final List<Integer> BULK_RATE_CONCURRENCIES = List.of(16, 64);

	private static final Duration DEFAULT_SOAK = Duration.ofMinutes(10);

	private final Profile profile;

	private final Consumer<String> out;

	BenchmarkReport(Profile profile, Consumer<String> out) {
		this.profile = profile;
		this.out = out;
	}

	/**
	 * Runs the benchmarks and prints the report, or writes the chart of earlier results.
	 * @param args
	 * {@code [--smoke] [--out DIR] | --only NAME | --chart RESULTS.json [CHART.svg]}
	 * @throws Exception if a benchmark cannot run
	 */
	public static void main(String[] args) throws Exception {
		Profile profile = Profile.SHORT;
		Path outDir = Path.of("bctrl-benchmarks", "target", "benchmark-results");
		String only = null;
		Duration duration = DEFAULT_SOAK;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--smoke" -> profile = Profile.SMOKE;
				case "--out" -> outDir = Path.of(args[++i]);
				case "--only" -> only = args[++i];
				case "--duration" -> duration = duration(args[++i]);
				case "--chart" -> {
					Path results = Path.of(args[++i]);
					Path chart = (i + 1 < args.length) ? Path.of(args[++i]) : results.resolveSibling(CHART_FILE);
					ResultsChart.write(results, chart);
					System.out.println("Chart written to " + chart);
					return;
				}
				default -> {
					System.err.println("Usage: [--smoke] [--out DIR] | --only NAME [--duration 10m]"
							+ " | --chart RESULTS.json [CHART.svg]");
					System.exit(2);
				}
			}
		}
		if (only != null) {
			boolean passed = new BenchmarkReport(profile, System.out::println).runOnly(only, duration);
			System.exit(passed ? 0 : 1);
		}
		PrintStream stdout = System.out;
		Map<String, Object> results = new BenchmarkReport(profile, stdout::println).run();
		Path written = write(results, outDir);
		stdout.println("Results written to " + written + " and " + written.resolveSibling(CHART_FILE));
		// Reactor Netty's global resources keep non-daemon threads.
		System.exit(0);
	}

	/**
	 * Run one benchmark.
	 * @param benchmark its name
	 * @param duration how long the soak runs
	 * @return whether its must-hold figures held (the soak's and the million ids'; the
	 * others have none)
	 */
	boolean runOnly(String benchmark, Duration duration) throws RunnerException {
		switch (benchmark) {
			case "decorator" -> decorator();
			case "e2e" -> {
				try (EndToEndBenchmark e2e = new EndToEndBenchmark()) {
					e2e.run(this.profile.e2eRounds(), this.profile.e2eWarmup(), this.profile.e2eDuration(), this.out);
				}
			}
			case "bulk" -> {
				try (BulkCancelBenchmark bulk = new BulkCancelBenchmark()) {
					bulk.run(this.profile.bulkIds(), this.profile.bulkRounds(), this.out);
				}
			}
			case "outage" -> OutageBenchmark.run(this.profile.outageSamples(), this.profile.outageWarmup(),
					this.profile.attemptTimeout(), this.out);
			case "bulk-rate" ->
				BulkRateBenchmark.run(this.profile.bulkRateIds(), BULK_RATE_LATENCY, BULK_RATE_CONCURRENCIES, this.out);
			case "soak" -> {
				SoakBenchmark.Result soak = SoakBenchmark.run(duration, this.out);
				return soak.deadlineOverruns() == 0 && soak.leakReports() == 0 && soak.ended() == soak.calls();
			}
			case "million" -> {
				MillionIdsBenchmark.Result million = MillionIdsBenchmark.run(MillionIdsBenchmark.IDS,
						MillionIdsBenchmark.WARMUP_IDS, this.out);
				return million.answered() == million.ids() && million.results() == million.ids()
						&& million.heapGrowthBytes() < MillionIdsBenchmark.MAX_HEAP_GROWTH_BYTES;
			}
			default -> throw new IllegalArgumentException("No benchmark '" + benchmark + "'");
		}
		return true;
	}

	/** {@code 90s}, {@code 10m}, {@code 1h}, or ISO-8601 such as {@code PT10M}. */
	static Duration duration(String text) {
		if (text.matches("\\d+[smh]")) {
			long amount = Long.parseLong(text.substring(0, text.length() - 1));
			return switch (text.charAt(text.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}
		return Duration.parse(text);
	}

	/**
	 * Run every benchmark.
	 * @return the results, as written to the results file
	 */
	Map<String, Object> run() throws RunnerException {
		long started = System.nanoTime();
		this.out.accept("bctrl benchmarks, profile '" + this.profile.name() + "' on "
				+ Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("profile", this.profile.name());
		results.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		results.put("machine", machine());

		this.out.accept("[1/5] decorator cost without I/O (JMH, -prof gc)");
		Map<String, Object> decorator = decorator();
		results.put("decorator", decorator);

		this.out.accept("[2/5] end to end on loopback");
		Map<String, Object> endToEnd;
		try (EndToEndBenchmark benchmark = new EndToEndBenchmark()) {
			endToEnd = endToEnd(benchmark.run(this.profile.e2eRounds(), this.profile.e2eWarmup(),
					this.profile.e2eDuration(), this.out));
		}
		results.put("endToEnd", endToEnd);

		this.out.accept("[3/5] bulk cancel against the emulator");
		Map<String, Object> bulk;
		try (BulkCancelBenchmark benchmark = new BulkCancelBenchmark()) {
			bulk = bulk(benchmark.run(this.profile.bulkIds(), this.profile.bulkRounds(), this.out));
		}
		results.put("bulk", bulk);

		this.out.accept("[4/5] bulk efficiency against an emulator answering after 20 ms");
		List<BulkRateBenchmark.Result> bulkRate = BulkRateBenchmark.run(this.profile.bulkRateIds(), BULK_RATE_LATENCY,
				BULK_RATE_CONCURRENCIES, this.out);
		Map<String, Object> bulkRateResults = new LinkedHashMap<>();
		for (BulkRateBenchmark.Result rate : bulkRate) {
			bulkRateResults.put("c" + rate.concurrency() + "Efficiency", round(rate.efficiency()));
			bulkRateResults.put("c" + rate.concurrency() + "PlainFlatMapEfficiency",
					round(rate.plainFlatMapEfficiency()));
		}
		results.put("bulkRate", bulkRateResults);

		this.out.accept("[5/5] outage: open circuit breaker vs attempt timeout");
		OutageBenchmark.Result outage = OutageBenchmark.run(this.profile.outageSamples(), this.profile.outageWarmup(),
				this.profile.attemptTimeout(), this.out);
		Map<String, Object> outageResults = new LinkedHashMap<>();
		outageResults.put("samples", outage.samples());
		outageResults.put("openBreakerFailMedianUs", round(outage.openFailMedianNanos() / 1e3));
		outageResults.put("attemptTimeoutS", round(outage.attemptTimeoutNanos() / 1e9));
		outageResults.put("noBreakerMeasuredWaitS", round(outage.noBreakerWaitNanos() / 1e9));
		results.put("outage", outageResults);

		Map<String, Object> ratios = new LinkedHashMap<>();
		ratios.put("c16_throughput(c)/c16_throughput(b)", endToEnd.get("c16ThroughputRatio"));
		ratios.put("c1_p50(c)/c1_p50(b)", endToEnd.get("c1P50Ratio"));
		ratios.put("cancelAll/sequential", bulk.get("speedup"));
		ratios.put("attempt_timeout/open_breaker_fail_time", round(outage.speedup()));
		results.put("ratios", ratios);

		List<Map<String, Object>> targets = new ArrayList<>();
		targets.add(target("c16 throughput (c)/(b)", (double) endToEnd.get("c16ThroughputRatio"), ">=", 0.95, ""));
		targets.add(target("c16 CPU added per call (c)-(b)", (double) endToEnd.get("c16CpuAddedUs"), "<=", 3, "us"));
		targets.add(target("c1 p50 (c)/(b)", (double) endToEnd.get("c1P50Ratio"), "<=", 1.05, ""));
		targets.add(target("decorator time added per call", (double) decorator.get("addedNs"), "<=", 1500, "ns"));
		targets.add(target("decorator bytes added per call", (double) decorator.get("addedBytes"), "<=", 2048, "B"));
		targets.add(target("open breaker fail time (median)", outage.openFailMedianNanos() / 1e3, "<=", 10, "us"));
		for (BulkRateBenchmark.Result rate : bulkRate) {
			targets.add(target("bulk efficiency c" + rate.concurrency(), rate.efficiency(), ">=", 0.90, ""));
		}
		results.put("targets", targets);
		results.put("runSeconds", round((System.nanoTime() - started) / 1e9));
		summary(results);
		return results;
	}

	private Map<String, Object> decorator() throws RunnerException {
		List<Map<String, Object>> rounds = new ArrayList<>();
		for (int round = 0; round < this.profile.decoratorRounds(); round++) {
			ChainedOptionsBuilder options = new OptionsBuilder()
				.include(DecoratorBenchmark.class.getName().replace(".", "\\.") + "\\.")
				.forks(this.profile.jmhForks())
				.warmupIterations(this.profile.jmhWarmups())
				.warmupTime(TimeValue.milliseconds(this.profile.jmhIterationTime().toMillis()))
				.measurementIterations(this.profile.jmhIterations())
				.measurementTime(TimeValue.milliseconds(this.profile.jmhIterationTime().toMillis()))
				.addProfiler(GCProfiler.class)
				.shouldFailOnError(true)
				.verbosity(VerboseMode.SILENT);
			if (this.profile.jmhForks() > 0) {
				options.jvmArgsAppend("-Xms1g", "-Xmx1g");
			}
			Collection<RunResult> runs = new Runner(options.build()).run();
			Map<String, Object> measured = new LinkedHashMap<>();
			for (RunResult run : runs) {
				String method = run.getParams()
					.getBenchmark()
					.substring(run.getParams().getBenchmark().lastIndexOf('.') + 1);
				measured.put(method + "Ns", round(run.getPrimaryResult().getScore()));
				measured.put(method + "Bytes", round(allocatedBytes(run)));
			}
			measured.put("observationNs",
					round((double) measured.get("decoratedNs") - (double) measured.get("decoratedUnobservedNs")));
			measured.put("addedNs", round((double) measured.get("decoratedNs") - (double) measured.get("bareNs")));
			measured.put("addedBytes",
					round((double) measured.get("decoratedBytes") - (double) measured.get("bareBytes")));
			measured.put("addedBeyondMicrometerNs",
					round((double) measured.get("addedNs") - (double) measured.get("observationOnlyNs")));
			measured.put("addedBeyondMicrometerBytes",
					round((double) measured.get("addedBytes") - (double) measured.get("observationOnlyBytes")));
			this.out.accept(String.format(
					"  decorator round %d: bare %.0f ns %.0f B, decorated %.0f ns %.0f B -> %+.0f ns %+.0f B"
							+ " (without observation %.0f ns %.0f B; Micrometer's own observation %.0f ns %.0f B)",
					round + 1, measured.get("bareNs"), measured.get("bareBytes"), measured.get("decoratedNs"),
					measured.get("decoratedBytes"), measured.get("addedNs"), measured.get("addedBytes"),
					measured.get("decoratedUnobservedNs"), measured.get("decoratedUnobservedBytes"),
					measured.get("observationOnlyNs"), measured.get("observationOnlyBytes")));
			rounds.add(measured);
		}
		Map<String, Object> decorator = new LinkedHashMap<>();
		for (String key : List.of("bareNs", "decoratedNs", "bareBytes", "decoratedBytes", "addedNs", "addedBytes",
				"decoratedUnobservedNs", "decoratedUnobservedBytes", "observationNs", "observationOnlyNs",
				"observationOnlyBytes", "addedBeyondMicrometerNs", "addedBeyondMicrometerBytes")) {
			decorator.put(key, round(median(rounds, (r) -> (double) r.get(key))));
		}
		decorator.put("rounds", rounds);
		return decorator;
	}

	private static double allocatedBytes(RunResult run) {
		for (Map.Entry<String, Result> secondary : run.getSecondaryResults().entrySet()) {
			if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
				return secondary.getValue().getScore();
			}
		}
		throw new IllegalStateException("JMH's GC profiler reported no allocation per operation");
	}

	private Map<String, Object> endToEnd(List<EndToEndBenchmark.Round> rounds) {
		Map<String, Object> endToEnd = new LinkedHashMap<>();
		Map<String, Object> variants = new LinkedHashMap<>();
		for (Variant variant : Variant.values()) {
			variants.put(variant.label, variant.description);
		}
		endToEnd.put("variants", variants);
		Map<String, Object> medians = new LinkedHashMap<>();
		for (int concurrency : EndToEndBenchmark.CONCURRENCIES) {
			Map<String, Object> byVariant = new LinkedHashMap<>();
			for (Variant variant : Variant.values()) {
				Map<String, Object> figures = new LinkedHashMap<>();
				figures.put("throughput", round(median(rounds, (r) -> r.get(concurrency, variant).throughput())));
				figures.put("p50Us", round(median(rounds, (r) -> r.get(concurrency, variant).p50Nanos() / 1e3)));
				figures.put("p99Us", round(median(rounds, (r) -> r.get(concurrency, variant).p99Nanos() / 1e3)));
				figures.put("cpuUsPerCall",
						round(median(rounds, (r) -> r.get(concurrency, variant).cpuNanosPerCall() / 1e3)));
				figures.put("bytesPerCall", round(median(rounds, (r) -> r.get(concurrency, variant).bytesPerCall())));
				byVariant.put(variant.label, figures);
			}
			medians.put("c" + concurrency, byVariant);
		}
		endToEnd.put("medians", medians);
		endToEnd.put("c16ThroughputRatio", round(median(rounds,
				(r) -> r.get(16, Variant.CLIENT).throughput() / r.get(16, Variant.RAW_DECODED).throughput())));
		endToEnd.put("c1P50Ratio", round(median(rounds,
				(r) -> (double) r.get(1, Variant.CLIENT).p50Nanos() / r.get(1, Variant.RAW_DECODED).p50Nanos())));
		endToEnd.put("c16CpuAddedUs", round(median(rounds, (r) -> cpuAddedNanos(r, 16) / 1e3)));
		endToEnd.put("c16BytesAdded", round(median(rounds,
				(r) -> r.get(16, Variant.CLIENT).bytesPerCall() - r.get(16, Variant.RAW_DECODED).bytesPerCall())));
		endToEnd.put("c16CpuAddedUsRounds", rounds.stream().map((r) -> round(cpuAddedNanos(r, 16) / 1e3)).toList());
		endToEnd.put("c16ThroughputRatioRounds", rounds.stream()
			.map((r) -> round(r.get(16, Variant.CLIENT).throughput() / r.get(16, Variant.RAW_DECODED).throughput()))
			.toList());
		endToEnd.put("c1P50RatioRounds", rounds.stream()
			.map((r) -> round((double) r.get(1, Variant.CLIENT).p50Nanos() / r.get(1, Variant.RAW_DECODED).p50Nanos()))
			.toList());
		List<Map<String, Object>> raw = new ArrayList<>();
		for (EndToEndBenchmark.Round round : rounds) {
			Map<String, Object> perRound = new LinkedHashMap<>();
			round.measurements().forEach((concurrency, measured) -> measured.forEach((variant, measurement) -> {
				perRound.put("c" + concurrency + "." + variant.label, measurement(measurement));
			}));
			raw.add(perRound);
		}
		endToEnd.put("rounds", raw);
		return endToEnd;
	}

	/** CPU time per call of (c) beyond that of (b). */
	private static double cpuAddedNanos(EndToEndBenchmark.Round round, int concurrency) {
		return round.get(concurrency, Variant.CLIENT).cpuNanosPerCall()
				- round.get(concurrency, Variant.RAW_DECODED).cpuNanosPerCall();
	}

	private static Map<String, Object> measurement(Measurement measurement) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("calls", measurement.calls());
		figures.put("throughput", round(measurement.throughput()));
		figures.put("p50Us", round(measurement.p50Nanos() / 1e3));
		figures.put("p99Us", round(measurement.p99Nanos() / 1e3));
		figures.put("cpuUsPerCall", round(measurement.cpuNanosPerCall() / 1e3));
		figures.put("bytesPerCall", round(measurement.bytesPerCall()));
		return figures;
	}

	private Map<String, Object> bulk(List<BulkCancelBenchmark.Round> rounds) {
		Map<String, Object> bulk = new LinkedHashMap<>();
		bulk.put("ids", this.profile.bulkIds());
		bulk.put("cancelAllMs", round(median(rounds, (r) -> r.bulkNanos() / 1e6)));
		bulk.put("sequentialMs", round(median(rounds, (r) -> r.sequentialNanos() / 1e6)));
		bulk.put("speedup", round(median(rounds, BulkCancelBenchmark.Round::speedup)));
		bulk.put("speedupRounds", rounds.stream().map((r) -> round(r.speedup())).toList());
		return bulk;
	}

	private static Map<String, Object> machine() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
		return machine;
	}

	private static Map<String, Object> target(String name, double value, String comparison, double target,
			String unit) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("name", name);
		result.put("value", round(value));
		result.put("comparison", comparison);
		result.put("target", target);
		result.put("unit", unit);
		result.put("met", comparison.equals(">=") ? value >= target : value <= target);
		return result;
	}

	@SuppressWarnings("unchecked")
	private void summary(Map<String, Object> results) {
		Map<String, Object> decorator = (Map<String, Object>) results.get("decorator");
		Map<String, Object> endToEnd = (Map<String, Object>) results.get("endToEnd");
		Map<String, Object> medians = (Map<String, Object>) endToEnd.get("medians");
		Map<String, Object> bulk = (Map<String, Object>) results.get("bulk");
		Map<String, Object> outage = (Map<String, Object>) results.get("outage");
		this.out.accept("");
		this.out.accept("== Figures (medians over rounds) ==");
		this.out.accept(String.format(
				"decorator: bare %s ns / %s B, decorated %s ns / %s B, added %s ns / %s B per call"
						+ " (without observation %s ns / %s B); Micrometer's own observation %s ns / %s B,"
						+ " added beyond it %s ns / %s B",
				decorator.get("bareNs"), decorator.get("bareBytes"), decorator.get("decoratedNs"),
				decorator.get("decoratedBytes"), decorator.get("addedNs"), decorator.get("addedBytes"),
				decorator.get("decoratedUnobservedNs"), decorator.get("decoratedUnobservedBytes"),
				decorator.get("observationOnlyNs"), decorator.get("observationOnlyBytes"),
				decorator.get("addedBeyondMicrometerNs"), decorator.get("addedBeyondMicrometerBytes")));
		this.out.accept(String.format("%-48s %12s %10s %10s %12s %10s %10s %12s %10s", "end to end", "c1 calls/s",
				"c1 p50 us", "c1 p99 us", "c16 calls/s", "c16 p50 us", "c16 p99 us", "c16 cpu us", "c16 B"));
		for (Variant variant : Variant.values()) {
			Map<String, Object> c1 = (Map<String, Object>) ((Map<String, Object>) medians.get("c1")).get(variant.label);
			Map<String, Object> c16 = (Map<String, Object>) ((Map<String, Object>) medians.get("c16"))
				.get(variant.label);
			this.out.accept(String.format("%-48s %12.0f %10.1f %10.1f %12.0f %10.1f %10.1f %12.1f %10.0f",
					"(" + variant.label + ") " + variant.description, c1.get("throughput"), c1.get("p50Us"),
					c1.get("p99Us"), c16.get("throughput"), c16.get("p50Us"), c16.get("p99Us"), c16.get("cpuUsPerCall"),
					c16.get("bytesPerCall")));
		}
		this.out.accept(String.format("bulk: cancelAll of %s ids %s ms, sequential cancel %s ms", bulk.get("ids"),
				bulk.get("cancelAllMs"), bulk.get("sequentialMs")));
		this.out.accept("bulk efficiency (share of concurrency / latency): " + results.get("bulkRate"));
		this.out.accept(String.format(
				"outage: open breaker fails in %s us (median); attempt timeout %s s"
						+ " (a client without a breaker measured %s s)",
				outage.get("openBreakerFailMedianUs"), outage.get("attemptTimeoutS"),
				outage.get("noBreakerMeasuredWaitS")));
		this.out.accept("");
		this.out.accept("== Ratios ==");
		((Map<String, Object>) results.get("ratios"))
			.forEach((name, value) -> this.out.accept(String.format("%-42s %s", name, value)));
		this.out.accept("");
		this.out.accept("== Targets ==");
		for (Map<String, Object> target : (List<Map<String, Object>>) results.get("targets")) {
			this.out.accept(String.format("%-34s %12s %-2s %-8s %s", target.get("name"),
					target.get("value") + " " + target.get("unit"), target.get("comparison"), target.get("target"),
					(boolean) target.get("met") ? "met" : "MISSED"));
		}
		this.out.accept(String.format("(run took %s s)", results.get("runSeconds")));
	}

	/**
	 * Write the results file and draw the chart from it.
	 * @return the results file
	 */
	static Path write(Map<String, Object> results, Path outDir) {
		try {
			Files.createDirectories(outDir);
			Path file = outDir.resolve(RESULTS_FILE);
			JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
			Files.writeString(file, mapper.writeValueAsString(results) + "\n");
			ResultsChart.write(file, outDir.resolve(CHART_FILE));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static <T> double median(List<T> rounds, ToDoubleFunction<T> figure) {
		double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static double round(double value) {
		double scale = (Math.abs(value) >= 100) ? 1 : (Math.abs(value) >= 1) ? 100 : 10_000;
		return Math.round(value * scale) / scale;
	}

}
