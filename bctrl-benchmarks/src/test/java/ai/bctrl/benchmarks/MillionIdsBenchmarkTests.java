package ai.bctrl.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's share of the million-id run ({@code --only million}, about a minute and a
 * half here): 250,000 lazily generated ids cancelled against the emulator in constant
 * memory, each answered exactly once.
 */
class MillionIdsBenchmarkTests {

	@Test
	void cancelAllAnswersEveryIdOnceWithoutTheHeapGrowing() {
		List<String> printed = new ArrayList<>();
		MillionIdsBenchmark.Result result = MillionIdsBenchmark.run(250_000, MillionIdsBenchmark.WARMUP_IDS,
				printed::add);
		printed.forEach(System.out::println);
		assertThat(result.results()).isEqualTo(250_000);
		assertThat(result.answered()).isEqualTo(250_000);
		assertThat(result.duplicates()).isZero();
		assertThat(result.failed()).isZero();
		assertThat(result.heapGrowthBytes()).isLessThan(MillionIdsBenchmark.MAX_HEAP_GROWTH_BYTES);
	}

}
