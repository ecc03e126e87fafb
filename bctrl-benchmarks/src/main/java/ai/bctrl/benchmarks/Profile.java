package ai.bctrl.benchmarks;

import java.time.Duration;

/**
 * How long each benchmark runs.
 *
 * @param name name of the profile
 * @param jmhForks JMH forks of the decorator benchmark per round (0 runs it in this JVM)
 * @param jmhWarmups JMH warm-up iterations
 * @param jmhIterations JMH measurement iterations
 * @param jmhIterationTime time of each JMH iteration
 * @param decoratorRounds rounds of the decorator benchmark
 * @param e2eRounds rounds of the end-to-end benchmark
 * @param e2eWarmup warm-up per end-to-end variant and concurrency
 * @param e2eDuration measuring time per end-to-end variant, concurrency and round
 * @param bulkIds operations per bulk measurement
 * @param bulkRounds rounds of the bulk benchmark
 * @param bulkRateIds operations per concurrency of the bulk efficiency benchmark
 * @param outageSamples calls timed with the breaker open
 * @param outageWarmup how long to call with the breaker open before the calls are timed
 * @param attemptTimeout attempt timeout of the client without a breaker
 */
record Profile(String name, int jmhForks, int jmhWarmups, int jmhIterations, Duration jmhIterationTime,
		int decoratorRounds, int e2eRounds, Duration e2eWarmup, Duration e2eDuration, int bulkIds, int bulkRounds,
		int bulkRateIds, int outageSamples, Duration outageWarmup, Duration attemptTimeout) {

	/**
	 * The documented run: about seven minutes on two cores. Many short end-to-end rounds
	 * rather than a few long ones: on a shared machine the median of per-round ratios is
	 * what holds. Warm-up is long (8 s per decorator fork, 10 s per end-to-end variant
	 * and concurrency): the client's reactive chain and Jackson's creators reach their
	 * steady state only after several seconds of calls on two cores (with 1 s the
	 * decorator's figures were several times the steady ones, and the client's CPU per
	 * call was still falling round after round). The open breaker's fail-fast path
	 * likewise warms up for 4 s (5,000 calls left it short of its compiled state), well
	 * within the breaker's 10 s open period. The decorator runs five single-fork rounds:
	 * one fork in three settles several microseconds slower than the others, and the
	 * median of three rounds too often landed on it.
	 */
	static final Profile SHORT = new Profile("short", 1, 8, 4, Duration.ofSeconds(1), 5, 15, Duration.ofSeconds(10),
			Duration.ofMillis(600), 10_000, 3, 5_000, 20_000, Duration.ofSeconds(4), Duration.ofSeconds(5));

	/** CI's smoke run: every benchmark once, a few seconds; its figures mean nothing. */
	static final Profile SMOKE = new Profile("smoke", 0, 1, 1, Duration.ofMillis(100), 1, 1, Duration.ofMillis(200),
			Duration.ofMillis(200), 300, 1, 300, 200, Duration.ofMillis(100), Duration.ofMillis(200));

}
