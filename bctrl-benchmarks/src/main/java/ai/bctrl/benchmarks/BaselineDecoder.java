package ai.bctrl.benchmarks;

import java.util.function.Function;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import ai.bctrl.operations.Operation;

/**
 * How the raw {@code WebClient} baselines decode a body: a plain Jackson 3
 * {@link JsonMapper} configured like the client's (unknown fields ignored) and one
 * {@code ObjectReader.readValue(byte[])}, so that the baseline does the same work as the
 * client without reaching into its package.
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
