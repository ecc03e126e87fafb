package ai.bctrl.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's smoke run: every benchmark runs for a moment and every figure comes out. The
 * targets are not checked here (a smoke run measures nothing worth comparing).
 */
class BenchmarkReportSmokeTests {

	@Test
	@SuppressWarnings("unchecked")
	void smokeProfileProducesEveryFigureTheResultsFileAndTheChart(@TempDir Path outDir) throws Exception {
		List<String> printed = new ArrayList<>();
		Map<String, Object> results = new BenchmarkReport(Profile.SMOKE, printed::add).run();
		Map<String, Object> decorator = (Map<String, Object>) results.get("decorator");
		assertThat((double) decorator.get("bareNs")).isPositive();
		assertThat((double) decorator.get("decoratedNs")).isPositive();
		assertThat((double) decorator.get("decoratedBytes")).isPositive();
		Map<String, Object> medians = (Map<String, Object>) ((Map<String, Object>) results.get("endToEnd"))
			.get("medians");
		for (String concurrency : List.of("c1", "c16")) {
			for (String variant : List.of("a", "b", "c")) {
				Map<String, Object> figures = (Map<String, Object>) ((Map<String, Object>) medians.get(concurrency))
					.get(variant);
				assertThat((double) figures.get("throughput")).as(concurrency + " " + variant).isPositive();
				assertThat((double) figures.get("p50Us")).as(concurrency + " " + variant).isPositive();
				assertThat((double) figures.get("cpuUsPerCall")).as(concurrency + " " + variant).isPositive();
				assertThat((double) figures.get("bytesPerCall")).as(concurrency + " " + variant).isPositive();
			}
		}
		Map<String, Object> ratios = (Map<String, Object>) results.get("ratios");
		assertThat(ratios).containsOnlyKeys("c16_throughput(c)/c16_throughput(b)", "c1_p50(c)/c1_p50(b)",
				"cancelAll/sequential", "attempt_timeout/open_breaker_fail_time");
		assertThat(ratios.values()).allSatisfy((ratio) -> assertThat((double) ratio).isPositive());
		assertThat((Map<String, Object>) results.get("bulkRate"))
			.containsOnlyKeys("c16Efficiency", "c16PlainFlatMapEfficiency", "c64Efficiency",
					"c64PlainFlatMapEfficiency")
			.allSatisfy((name, efficiency) -> assertThat((double) efficiency).isPositive());
		assertThat((List<?>) results.get("targets")).hasSize(8);
		assertThat(printed).anySatisfy((line) -> assertThat(line).startsWith("c1_p50(c)/c1_p50(b)"));

		Path file = BenchmarkReport.write(results, outDir);
		assertThat(Files.readString(file)).contains("\"ratios\"");
		assertThat(Files.readString(outDir.resolve(BenchmarkReport.CHART_FILE))).startsWith("<svg")
			.contains("Throughput at concurrency 16")
			.endsWith("</svg>\n");
	}

}
