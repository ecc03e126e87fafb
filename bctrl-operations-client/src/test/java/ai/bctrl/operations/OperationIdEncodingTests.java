package ai.bctrl.operations;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * DESIGN §5: the id is one path segment with everything outside RFC 3986's unreserved set
 * percent-encoded; {@code .} and {@code ..} are refused before any request.
 */
class OperationIdEncodingTests {

	private final MockWebServer server = WireTestSupport.startServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void everyCharacterOutsideTheUnreservedSetIsPercentEncoded() throws InterruptedException {
		this.server.enqueue(WireTestSupport.json(WireTestSupport.MINIMAL_OPERATION));
		OperationsClient client = WireTestSupport.client(this.server);

		client.get("..;x:@!$&'()*+,=a-._~Z9é").block(BLOCK);

		assertThat(this.server.takeRequest().getTarget())
			.isEqualTo("/v1/operations/..%3Bx%3A%40%21%24%26%27%28%29%2A%2B%2C%3Da-._~Z9%C3%A9");
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", ".." })
	void aDotSegmentIsRefusedBeforeAnyRequest(String id) {
		OperationsClient client = WireTestSupport.client(this.server);

		assertThatIllegalArgumentException().isThrownBy(() -> client.cancel(id)).withMessageContaining("'" + id + "'");
		assertThat(this.server.getRequestCount()).isZero();
	}

}
