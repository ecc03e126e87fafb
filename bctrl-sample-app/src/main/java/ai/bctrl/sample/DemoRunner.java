package ai.bctrl.sample;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.Seed;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

/**
 * Runs the {@link Demo} at startup when the embedded emulator is there, and prints what
 * it did, the metrics it recorded and the URLs to try. Against a real bctrl API the demo
 * is skipped, so that it never cancels a real operation. As an {@link ExitCodeGenerator},
 * gives the exit status of {@code --demo.exit=true}: 0, or 1 when the demo failed.
 */
@Component
class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

	private static final Log logger = LogFactory.getLog(DemoRunner.class);

	private final OperationsClient operations;

	private final ObjectProvider<BctrlEmulator> emulator;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final DemoProperties properties;

	private final Environment environment;

	private volatile Demo.Report report;

	private volatile int exitCode;

	DemoRunner(OperationsClient operations, ObjectProvider<BctrlEmulator> emulator,
			ObjectProvider<MeterRegistry> meterRegistry, DemoProperties properties, Environment environment) {
		this.operations = operations;
		this.emulator = emulator;
		this.meterRegistry = meterRegistry;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		BctrlEmulator emulator = this.emulator.getIfAvailable();
		StringBuilder text = new StringBuilder("\n");
		if (emulator == null) {
			text.append("bctrl demo skipped: the application uses the bctrl API at ")
				.append(this.environment.getProperty("bctrl.api.base-url", "https://api.bctrl.ai"))
				.append(";\nthe demo cancels operations, so it runs only against the embedded emulator.\n");
			appendUrls(text, null);
		}
		else if (!this.properties.isEnabled()) {
			text.append("bctrl demo disabled (demo.enabled=false).\n");
			appendUrls(text, emulator);
		}
		else {
			try {
				this.report = new Demo(this.operations, emulator, this.properties.getStepTimeout()).run();
				appendReport(text, this.report, emulator);
				appendMetrics(text);
				appendUrls(text, emulator);
			}
			catch (RuntimeException ex) {
				this.exitCode = 1;
				logger.error("bctrl demo failed", ex);
				text.append("bctrl demo FAILED: ").append(ex.getMessage()).append('\n');
			}
		}
		if (this.properties.isExit()) {
			text.append("Exiting with status ").append(this.exitCode).append(".\n");
		}
		System.out.print(text);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * What the demo did, once it has run successfully.
	 * @return the report, or {@code null}
	 */
	Demo.Report report() {
		return this.report;
	}

	private void appendReport(StringBuilder text, Demo.Report report, BctrlEmulator emulator) {
		text.append("bctrl demo: ")
			.append(report.seeded().size())
			.append(" operations seeded in the embedded emulator at ")
			.append(emulator.baseUrl())
			.append(", cancelled through the OperationsClient\n\n");
		int callWidth = report.rows().stream().mapToInt((row) -> row.call().length()).max().orElse(4);
		String format = "  %-" + callWidth + "s  %-9s  %-11s    %-10s  %-10s  %-9s %6s\n";
		text.append(String.format(format, "call", "operation", "before", "returned", "final", "responses", "time"));
		for (Demo.Row row : report.rows()) {
			text.append(String.format(format.replace("%-11s    ", "%-11s -> "), row.call(), row.shortId(),
					row.before().wireValue(), lower(row.after()), lower(row.finalStatus()),
					row.responses().stream().map(String::valueOf).collect(Collectors.joining(" ")),
					row.time().toMillis() + " ms"));
		}
		long notFinished = report.seeded().values().stream().filter((state) -> !state.isTerminal()).count();
		long awaited = report.rows().stream().filter((row) -> !row.after().isTerminal()).count();
		text.append("\nAll ")
			.append(notFinished)
			.append(" operations that had not finished are cancelled; the ")
			.append(awaited)
			.append(" still cancelling were awaited\n")
			.append("with OperationsClient.await. Finished operations are left unchanged. The 503 injected\n")
			.append("into one cancel was retried by the client: its caller saw one successful call. The 429\n")
			.append("(Retry-After: 6) met by cancelAll paused the whole batch; its progress was logged above.\n");
	}

	private void appendMetrics(StringBuilder text) {
		MeterRegistry registry = this.meterRegistry.getIfAvailable();
		if (registry == null) {
			return;
		}
		text.append("\nMetrics (also at /actuator/metrics and /actuator/prometheus):\n");
		String format = "  %-25s %-50s count=%d%s\n";
		Map<String, long[]> calls = new TreeMap<>();
		Map<String, Double> totalMillis = new TreeMap<>();
		for (Timer timer : registry.find("bctrl.client.requests").timers()) {
			String tags = String.format("bctrl.operation=%-17s outcome=%s", timer.getId().getTag("bctrl.operation"),
					timer.getId().getTag("outcome"));
			calls.computeIfAbsent(tags, (key) -> new long[1])[0] += timer.count();
			totalMillis.merge(tags, timer.totalTime(TimeUnit.MILLISECONDS), Double::sum);
		}
		calls.forEach(
				(tags, count) -> text.append(String.format(Locale.ROOT, format, "bctrl.client.requests", tags, count[0],
						String.format(Locale.ROOT, "  mean=%.1f ms", totalMillis.get(tags) / Math.max(1, count[0])))));
		long httpRequests = registry.find("http.client.requests").timers().stream().mapToLong(Timer::count).sum();
		text.append(String.format(format, "http.client.requests", "(every HTTP request, retries included)",
				httpRequests, ""));
		registry.find("resilience4j.retry.calls")
			.tag("name", "bctrl-operations")
			.meters()
			.stream()
			.sorted(Comparator.comparing((Meter meter) -> String.valueOf(meter.getId().getTag("kind"))))
			.forEach((meter) -> text.append(String.format(format, "resilience4j.retry.calls",
					"kind=" + meter.getId().getTag("kind"), (long) meter.measure().iterator().next().getValue(), "")));
	}

	private void appendUrls(StringBuilder text, BctrlEmulator emulator) {
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			String configuredPort = this.environment.getProperty("server.port", "8080");
			text.append(this.properties.isExit()
					? "\nNot serving (demo.exit=true). Without it, the application serves on port "
					: "\nNot serving (no web server). With one, the application serves on port ")
				.append(configuredPort)
				.append(":\n");
			String base = "http://localhost:" + configuredPort;
			appendCurlExamples(text, base, base, "<operation-id>");
			return;
		}
		String base = "http://localhost:" + port;
		String actuatorBase = "http://localhost:" + this.environment.getProperty("local.management.port", port);
		String id = "<operation-id>";
		text.append("\nServing on ").append(base).append(" (Ctrl+C to stop). Try:\n");
		if (emulator != null) {
			id = emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
			text.append("  (operation ").append(id).append(" was seeded for you; it runs until cancelled)\n");
		}
		appendCurlExamples(text, base, actuatorBase, id);
		if (emulator != null) {
			text.append("The emulator itself: ")
				.append(emulator.baseUrl())
				.append(" (Authorization: Bearer ")
				.append(emulator.apiKey())
				.append("), control API under /_emulator/\n");
		}
	}

	private static void appendCurlExamples(StringBuilder text, String base, String actuatorBase, String id) {
		List.of("curl -s -X POST " + base + "/operations/" + id + "/cancel", "curl -s " + base + "/operations/" + id,
				"curl -s " + base + "/operations/no-such-operation        # 404 problem detail",
				"curl -s " + actuatorBase + "/actuator/health",
				"curl -s " + actuatorBase + "/actuator/metrics/bctrl.client.requests",
				"curl -s " + actuatorBase + "/actuator/prometheus | grep bctrl_client")
			.forEach((line) -> text.append("  ").append(line).append('\n'));
	}

	private static String lower(OperationStatus status) {
		return (status != null) ? status.name().toLowerCase(Locale.ROOT) : "-";
	}

}
