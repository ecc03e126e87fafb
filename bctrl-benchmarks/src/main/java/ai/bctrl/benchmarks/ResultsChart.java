package ai.bctrl.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Draws the chart of a results file as SVG, with no tool beyond the JDK: end-to-end
 * throughput at concurrency 16, latency at concurrency 1, and each target with its
 * margin.
 */
final class ResultsChart {

	private static final String[] VARIANTS = { "a", "b", "c" };

	private static final String[] COLOURS = { "#9aa5b1", "#4e79a7", "#f28e2b" };

	private static final int WIDTH = 960;

	private static final int HEIGHT = 640;

	private final StringBuilder svg = new StringBuilder();

	private ResultsChart() {
	}

	/**
	 * Read a results file and write its chart.
	 * @param results the results file
	 * @param chart the SVG file to write
	 */
	static void write(Path results, Path chart) {
		try {
			JsonNode root = JsonMapper.builder().build().readTree(Files.readString(results));
			Files.writeString(chart, new ResultsChart().draw(root));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String draw(JsonNode root) {
		this.svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
		this.svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		JsonNode machine = root.path("machine");
		text(20, 28, 18, "start", "bold", "bctrl OperationsClient vs raw WebClient");
		text(20, 48, 12, "start", "normal",
				String.format(Locale.ROOT, "profile %s, %s, %d cores, %s — medians over rounds",
						root.path("profile").asString(), root.path("date").asString(), machine.path("cores").asInt(),
						machine.path("java").asString()));
		legend(20, 70);
		JsonNode medians = root.path("endToEnd").path("medians");
		throughputPanel(medians.path("c16"), 20, 100, 440, 230);
		latencyPanel(medians.path("c1"), 500, 100, 440, 230);
		targetsPanel(root.path("targets"), 20, 380, 920, 240);
		this.svg.append("</svg>\n");
		return this.svg.toString();
	}

	private void legend(int x, int y) {
		String[] names = { "(a) raw WebClient, String body", "(b) raw WebClient + decode into Operation",
				"(c) OperationsClient.cancel, full policy + observation" };
		int position = x;
		for (int i = 0; i < names.length; i++) {
			rect(position, y - 10, 12, 12, COLOURS[i]);
			text(position + 18, y, 12, "start", "normal", names[i]);
			position += 18 + names[i].length() * 6 + 24;
		}
	}

	private void throughputPanel(JsonNode c16, int x, int y, int width, int height) {
		text(x, y, 14, "start", "bold", "Throughput at concurrency 16 (calls/s, higher is better)");
		double max = 0;
		for (String variant : VARIANTS) {
			max = Math.max(max, c16.path(variant).path("throughput").asDouble());
		}
		int top = y + 20;
		int chartHeight = height - 50;
		axis(x + 40, top, width - 60, chartHeight, max);
		int barWidth = (width - 60) / 5;
		for (int i = 0; i < VARIANTS.length; i++) {
			double value = c16.path(VARIANTS[i]).path("throughput").asDouble();
			int barHeight = (int) Math.round(chartHeight * value / niceMax(max));
			int barX = x + 40 + barWidth / 2 + i * (barWidth + barWidth / 2);
			rect(barX, top + chartHeight - barHeight, barWidth, barHeight, COLOURS[i]);
			text(barX + barWidth / 2, top + chartHeight - barHeight - 4, 12, "middle", "normal",
					String.format(Locale.ROOT, "%,.0f", value));
			text(barX + barWidth / 2, top + chartHeight + 16, 12, "middle", "normal", "(" + VARIANTS[i] + ")");
		}
	}

	private void latencyPanel(JsonNode c1, int x, int y, int width, int height) {
		text(x, y, 14, "start", "bold", "Latency at concurrency 1 (µs, lower is better)");
		double max = 0;
		for (String variant : VARIANTS) {
			max = Math.max(max, c1.path(variant).path("p99Us").asDouble());
		}
		int top = y + 20;
		int chartHeight = height - 50;
		axis(x + 40, top, width - 60, chartHeight, max);
		String[] keys = { "p50Us", "p99Us" };
		int groupWidth = (width - 60) / 2;
		int barWidth = groupWidth / 5;
		for (int k = 0; k < keys.length; k++) {
			int groupX = x + 40 + k * groupWidth + barWidth / 2;
			for (int i = 0; i < VARIANTS.length; i++) {
				double value = c1.path(VARIANTS[i]).path(keys[k]).asDouble();
				int barHeight = (int) Math.round(chartHeight * value / niceMax(max));
				int barX = groupX + i * (barWidth + 6);
				rect(barX, top + chartHeight - barHeight, barWidth, barHeight, COLOURS[i]);
				text(barX + barWidth / 2, top + chartHeight - barHeight - 4, 11, "middle", "normal",
						String.format(Locale.ROOT, "%.0f", value));
			}
			text(groupX + (3 * barWidth + 12) / 2, top + chartHeight + 16, 12, "middle", "normal",
					(k == 0) ? "p50" : "p99");
		}
	}

	private void targetsPanel(JsonNode targets, int x, int y, int width, int height) {
		text(x, y, 14, "start", "bold",
				"Targets: margin = measured ÷ target (or target ÷ measured where lower is better); ≥ 1 meets it");
		int rows = targets.size();
		int top = y + 16;
		int labelWidth = 250;
		int chartWidth = width - labelWidth - 230;
		int rowHeight = Math.max(18, (height - 30) / Math.max(1, rows));
		double maxMargin = 2.0;
		for (JsonNode target : targets) {
			maxMargin = Math.max(maxMargin, Math.min(margin(target), 10));
		}
		double scale = chartWidth / maxMargin;
		int oneX = x + labelWidth + (int) Math.round(scale);
		for (int i = 0; i < rows; i++) {
			JsonNode target = targets.get(i);
			int rowY = top + i * rowHeight;
			double margin = margin(target);
			boolean met = target.path("met").asBoolean();
			text(x + labelWidth - 8, rowY + rowHeight / 2 + 4, 12, "end", "normal", target.path("name").asString());
			int barWidth = (int) Math.round(Math.min(margin, maxMargin) * scale);
			rect(x + labelWidth, rowY + 3, Math.max(1, barWidth), rowHeight - 6, met ? "#59a14f" : "#e15759");
			String unit = target.path("unit").asString();
			text(x + labelWidth + chartWidth + 10, rowY + rowHeight / 2 + 4, 12, "start", "normal",
					String.format(Locale.ROOT, "%s%s %s %s%s  %s", format(target.path("value").asDouble()),
							unit.isEmpty() ? "" : " " + unit, target.path("comparison").asString(),
							format(target.path("target").asDouble()), unit.isEmpty() ? "" : " " + unit,
							met ? "met" : "MISSED"));
		}
		this.svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>%n", oneX,
				top - 4, oneX, top + rows * rowHeight + 2));
		text(oneX, top + rows * rowHeight + 16, 11, "middle", "normal", "target");
	}

	private static double margin(JsonNode target) {
		double value = target.path("value").asDouble();
		double goal = target.path("target").asDouble();
		boolean higherIsBetter = target.path("comparison").asString().equals(">=");
		if (value <= 0) {
			return higherIsBetter ? 0 : 10;
		}
		return higherIsBetter ? value / goal : goal / value;
	}

	private void axis(int x, int top, int width, int height, double max) {
		double nice = niceMax(max);
		for (int i = 0; i <= 4; i++) {
			int lineY = top + height - (int) Math.round(height * i / 4.0);
			this.svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, lineY, x + width, lineY));
			text(x - 6, lineY + 4, 10, "end", "normal", format(nice * i / 4));
		}
	}

	private static double niceMax(double max) {
		if (max <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
		for (double step : new double[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 }) {
			if (step * magnitude >= max * 1.1) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String format(double value) {
		if (value >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (value >= 10 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		// Three decimals at most, so that a ratio just under its target does not print as
		// the target.
		return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	private void rect(int x, int y, int width, int height, String fill) {
		this.svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
				x, y, width, height, fill));
	}

	private void text(int x, int y, int size, String anchor, String weight, String content) {
		this.svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n", x, y,
				size, anchor, weight, escape(content)));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
