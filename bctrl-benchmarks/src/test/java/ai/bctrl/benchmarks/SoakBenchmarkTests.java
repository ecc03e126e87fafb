package ai.bctrl.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.bctrl.emulator.FaultKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's soak: 20 seconds of it, one outage included. Whatever the machine's speed, every
 * call ends, none after its deadline, and Netty reports no leak.
 */
class SoakBenchmarkTests {

	@Test
	void everyCallEndsWithinItsDeadlineWithoutALeakThroughMixedFaultsAndAnOutage() {
		List<String> printed = new ArrayList<>();
		SoakBenchmark.Result soak = SoakBenchmark.run(Duration.ofSeconds(20), printed::add);
		printed.forEach(System.out::println);
		assertThat(soak.calls()).isPositive();
		assertThat(soak.ended()).isEqualTo(soak.calls());
		assertThat(soak.deadlineOverruns()).isZero();
		assertThat(soak.leakReports()).as("first report: %s", soak.firstLeak()).isZero();
		assertThat(soak.outcomes()).containsKey("success");
		assertThat(soak.faulted()).containsKeys(FaultKind.STATUS, FaultKind.OUTAGE);
		assertThat(soak.end().heapAfterGcBytes()).isPositive();
		assertThat(printed).anySatisfy((line) -> assertThat(line).startsWith("deadline overruns"));
	}

}
