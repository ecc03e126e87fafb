package ai.bctrl.benchmarks;

import java.util.function.Function;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import ai.bctrl.operations.Operation;

/**
 * How the raw {@code WebClient} baselines decode a body: as an application would, with a
 * plain Jackson 3 {@link JsonMapper} (unknown fields ignored, like the client) and one
 * {@code ObjectReader.readValue(byte[])}. The client's own decoder reads the timestamps
 * without a {@code DateTimeFormatter} and is cheaper than this one, so the baselines'
 * decoding costs more than the client's (see {@code docs/benchmarks.md}).
 */
final class BaselineDecoder {

	private BaselineDecoder() {
	}

	static Function<byte[], Operation> operation() {
		ObjectReader reader = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build()
			.readerFor(Operation.class);
		return reader::readValue;
	}

}
