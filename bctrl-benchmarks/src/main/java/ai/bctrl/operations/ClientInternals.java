package ai.bctrl.operations;

import java.util.function.Function;

/**
 * What the benchmarks borrow from the client's package: its own JSON decoding, so that
 * the raw {@code WebClient} baseline decodes exactly as the client does.
 */
public final class ClientInternals {

	private ClientInternals() {
	}

	/**
	 * A decoder of operation bodies configured like the client's (one
	 * {@code ObjectReader.readValue(byte[])}, unknown fields ignored, lenient
	 * timestamps).
	 * @return the decoder
	 */
	public static Function<byte[], Operation> operationDecoder() {
		return new OperationsJson()::readOperation;
	}

}
