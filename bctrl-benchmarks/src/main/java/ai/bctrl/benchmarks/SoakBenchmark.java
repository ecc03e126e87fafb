package ai.bctrl.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.ResourceLeakDetector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.Fault;
import ai.bctrl.emulator.FaultKind;
import ai.bctrl.emulator.Faults;
import ai.bctrl.operations.BctrlCircuitOpenException;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * The soak run (issue 13): a client with the default settings makes {@value #CONCURRENCY}
 * calls at a time (cancel and get, alternately) against the emulator with mixed faults,
 * for as long as asked, and every call is accounted for: its outcome, whether it ended
 * within the client's deadline, what Netty reported as leaked, and how heap, direct
 * memory and threads moved.
 */
final class SoakBenchmark {

	static final int CONCURRENCY = 64;

	/** How late a call may end after its deadline before it counts as an overrun. */
	static final Duration GRACE = Duration.ofSeconds(1);

	static final Duration OUTAGE = Duration.ofSeconds(5);

	static final Duration OUTAGE_EVERY = Duration.ofMinutes(1);

	static final Duration FIRST_OUTAGE = Duration.ofSeconds(10);

	/** How long a lane waits after a call failed fast on the open circuit breaker. */
	static final Duration CIRCUIT_OPEN_PAUSE = Duration.ofMillis(100);

	private SoakBenchmark() {
	}

	/**
	 * Run the soak.
	 * @param duration how long to start new calls
	 * @param out where to report
	 * @return the figures
	 */
	static Result run(Duration duration, Consumer<String> out) {
		LeakCounter leaks = LeakCounter.attach();
		ResourceLeakDetector.Level levelBefore = ResourceLeakDetector.getLevel();
		// Paranoid (every buffer tracked) for the first minute or fifth of the run,
		// whichever is longer: slow, so not for all of a long run.
		Duration paranoid = min(duration, max(duration.dividedBy(5), Duration.ofMinutes(1)));
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "soak-timer");
			thread.setDaemon(true);
			return thread;
		});
		try (BctrlEmulator emulator = MillionIdsBenchmark.startStatelessEmulator()) {
			OperationsClientSettings settings = OperationsClientSettings.builder()
				.baseUrl(emulator.baseUrl())
				.apiKey(emulator.apiKey())
				.build();
			OperationsClient client = OperationsClient.builder(settings).build();
			Flux.range(0, 1_000)
				.flatMap((i) -> client.cancel("warmup_" + i), CONCURRENCY)
				.blockLast(Duration.ofMinutes(2));
			ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
			MemoryFigures start = MemoryFigures.take();
			FaultMix faults = new FaultMix(emulator.faults());
			faults.install();
			timer.scheduleAtFixedRate(faults::outage, FIRST_OUTAGE.toMillis(), OUTAGE_EVERY.toMillis(),
					TimeUnit.MILLISECONDS);
			if (paranoid.compareTo(duration) < 0) {
				timer.schedule(() -> {
					leaks.flush();
					ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
				}, paranoid.toMillis(), TimeUnit.MILLISECONDS);
			}
			AtomicReference<MemoryFigures> middle = new AtomicReference<>();
			timer.schedule(() -> middle.set(MemoryFigures.take()), duration.toMillis() / 2, TimeUnit.MILLISECONDS);
			out.accept(String.format("  soak: %d s at concurrency %d, leak detector paranoid for the first %d s",
					duration.toSeconds(), CONCURRENCY, paranoid.toSeconds()));
			Calls calls = new Calls(settings.deadline().plus(GRACE), duration);
			long startedAt = System.nanoTime();
			long end = startedAt + duration.toNanos();
			AtomicLong sequence = new AtomicLong();
			try {
				Flux.range(0, CONCURRENCY)
					.flatMap((lane) -> Mono.defer(() -> calls.make(client, sequence.getAndIncrement()))
						.repeat(() -> System.nanoTime() < end), CONCURRENCY)
					.blockLast(duration.plus(settings.deadline()).plusMinutes(1));
			}
			catch (IllegalStateException ex) {
				// Timed out: the calls that never ended are reported below.
				out.accept("  soak: calls still running at the end: " + ex.getMessage());
			}
			long elapsed = System.nanoTime() - startedAt;
			timer.shutdownNow();
			faults.clear();
			leaks.flush();
			ResourceLeakDetector.setLevel(levelBefore);
			MemoryFigures last = MemoryFigures.take();
			Result result = new Result(duration, paranoid, elapsed, sequence.get(), calls.outcomes(),
					calls.overruns.sum(), calls.longest.get(), leaks.reports(), leaks.first(), calls.meanNanos(),
					calls.percentile(0.5), calls.percentile(0.99), start, (middle.get() != null) ? middle.get() : last,
					last, faults.triggered());
			result.print(out);
			return result;
		}
		finally {
			timer.shutdownNow();
			ResourceLeakDetector.setLevel(levelBefore);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/**
	 * The faults of the soak, as shares of all requests: 5 % {@code 503}, 1 % connection
	 * reset, 1 % truncated body, 0.5 % no answer, 2 % {@code 429} with
	 * {@code Retry-After: 1}; and now and then an outage, placed before them so that it
	 * answers every request.
	 */
	private static final class FaultMix {

		private final Faults faults;

		private final List<Fault> installed = new ArrayList<>();

		private final Map<FaultKind, Long> triggered = new ConcurrentHashMap<>();

		FaultMix(Faults faults) {
			this.faults = faults;
		}

		synchronized void install() {
			// The emulator applies the first installed fault that fires: each share is
			// of the requests the faults before it left, so that the whole is as stated.
			double left = 1.0;
			left = add(this.faults.share(0.05 / left).status(503), left, 0.05);
			left = add(this.faults.share(0.01 / left).connectionReset(), left, 0.01);
			left = add(this.faults.share(0.01 / left).truncatedBody(), left, 0.01);
			left = add(this.faults.share(0.005 / left).noAnswer(), left, 0.005);
			add(this.faults.share(0.02 / left).status(429, Duration.ofSeconds(1)), left, 0.02);
		}

		private double add(Fault fault, double left, double share) {
			this.installed.add(fault);
			return left - share;
		}

		/** Start an outage now, ahead of the other faults. */
		synchronized void outage() {
			clear();
			this.installed.add(this.faults.always().outage(OUTAGE));
			install();
		}

		synchronized void clear() {
			for (Fault fault : this.installed) {
				fault.remove();
				this.triggered.merge(fault.kind(), (long) fault.triggered(), Long::sum);
			}
			this.installed.clear();
		}

		Map<FaultKind, Long> triggered() {
			return new TreeMap<>(this.triggered);
		}

	}

	/** The calls' outcomes, latencies and deadline overruns. */
	private static final class Calls {

		private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

		private final LongAdder overruns = new LongAdder();

		private final LongAccumulator longest = new LongAccumulator(Math::max, 0);

		private final long limitNanos;

		private final Timer latency;

		Calls(Duration limit, Duration duration) {
			this.limitNanos = limit.toNanos();
			// Percentiles over the whole run, in constant memory.
			this.latency = Timer.builder("soak.call")
				.publishPercentiles(0.5, 0.99)
				.percentilePrecision(2)
				.distributionStatisticExpiry(duration.multipliedBy(2).plusMinutes(5))
				.distributionStatisticBufferLength(1)
				.register(new SimpleMeterRegistry());
		}

		Mono<Void> make(OperationsClient client, long sequence) {
			String id = "soak_" + sequence;
			long started = System.nanoTime();
			Mono<Operation> call = (sequence % 2 == 0) ? client.cancel(id) : client.get(id);
			return call.doOnSuccess((operation) -> ended("success", started)).then().onErrorResume((failure) -> {
				ended(failure.getClass().getSimpleName(), started);
				// A caller told the service is down waits a moment, as a real one would,
				// rather than spinning through failures that cost nothing.
				return (failure instanceof BctrlCircuitOpenException) ? Mono.delay(CIRCUIT_OPEN_PAUSE).then()
						: Mono.empty();
			});
		}

		private void ended(String outcome, long started) {
			long elapsed = System.nanoTime() - started;
			this.outcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
			this.latency.record(elapsed, TimeUnit.NANOSECONDS);
			this.longest.accumulate(elapsed);
			if (elapsed > this.limitNanos) {
				this.overruns.increment();
			}
		}

		Map<String, Long> outcomes() {
			Map<String, Long> counts = new TreeMap<>();
			this.outcomes.forEach((outcome, count) -> counts.put(outcome, count.sum()));
			return counts;
		}

		long meanNanos() {
			return (long) this.latency.mean(TimeUnit.NANOSECONDS);
		}

		long percentile(double percentile) {
			for (ValueAtPercentile value : this.latency.takeSnapshot().percentileValues()) {
				if (value.percentile() == percentile) {
					return (long) value.value(TimeUnit.NANOSECONDS);
				}
			}
			throw new IllegalStateException("No percentile " + percentile);
		}

	}

	/**
	 * What the soak measured.
	 *
	 * @param duration how long new calls were started
	 * @param paranoid how long the leak detector tracked every buffer
	 * @param elapsedNanos wall time until the last call ended
	 * @param calls calls started
	 * @param outcomes calls ended, by outcome: {@code success} or the exception's simple
	 * name
	 * @param deadlineOverruns calls that ended later than the deadline and the grace
	 * @param longestNanos the longest call
	 * @param leakReports Netty leak reports
	 * @param firstLeak the first leak report, or {@code null}
	 * @param meanNanos mean call time
	 * @param p50Nanos median call time
	 * @param p99Nanos 99th percentile call time
	 * @param start memory and threads after the warm-up
	 * @param middle memory and threads half-way
	 * @param end memory and threads once every call has ended
	 * @param faulted requests the emulator faulted, by kind
	 */
	record Result(Duration duration, Duration paranoid, long elapsedNanos, long calls, Map<String, Long> outcomes,
			long deadlineOverruns, long longestNanos, long leakReports, String firstLeak, long meanNanos, long p50Nanos,
			long p99Nanos, MemoryFigures start, MemoryFigures middle, MemoryFigures end, Map<FaultKind, Long> faulted) {

		/**
		 * Calls that ended, whatever their outcome.
		 * @return the sum of the outcomes
		 */
		long ended() {
			return this.outcomes.values().stream().mapToLong(Long::longValue).sum();
		}

		void print(Consumer<String> out) {
			out.accept("");
			out.accept(String.format("== Soak: %d s, concurrency %d, %.0f s until the last call ended ==",
					this.duration.toSeconds(), CONCURRENCY, this.elapsedNanos / 1e9));
			out.accept(String.format("%-44s %12d", "calls started", this.calls));
			out.accept(String.format("%-44s %12d", "calls ended", ended()));
			this.outcomes.forEach((outcome, count) -> out
				.accept(String.format("  %-42s %12d %6.2f %%", outcome, count, 100.0 * count / Math.max(1, ended()))));
			out.accept(String.format("%-44s %12d   (longest call %.2f s)",
					"deadline overruns (> deadline + " + GRACE.toSeconds() + " s)", this.deadlineOverruns,
					this.longestNanos / 1e9));
			out.accept(String.format("%-44s %12d   (paranoid for the first %d s)", "Netty leak reports",
					this.leakReports, this.paranoid.toSeconds()));
			out.accept(String.format("%-44s %9.1f ms / %.1f ms / %.1f ms", "call time mean / p50 / p99",
					this.meanNanos / 1e6, this.p50Nanos / 1e6, this.p99Nanos / 1e6));
			out.accept(String.format("%-10s %14s %14s %14s %16s %8s", "", "heap after GC", "direct (JDK)",
					"direct (Netty)", "Netty allocator", "threads"));
			memory(out, "start", this.start);
			memory(out, "middle", this.middle);
			memory(out, "end", this.end);
			out.accept("requests faulted at the emulator: " + this.faulted);
			if (this.firstLeak != null) {
				out.accept("first leak report: " + this.firstLeak);
			}
		}

		private static void memory(Consumer<String> out, String when, MemoryFigures figures) {
			out.accept(String.format("%-10s %14s %14s %14s %16s %8d", when,
					MemoryFigures.megabytes(figures.heapAfterGcBytes()), MemoryFigures.megabytes(figures.directBytes()),
					MemoryFigures.megabytes(figures.nettyDirectBytes()),
					MemoryFigures.megabytes(figures.allocatorDirectBytes()), figures.threads()));
		}

	}

}
