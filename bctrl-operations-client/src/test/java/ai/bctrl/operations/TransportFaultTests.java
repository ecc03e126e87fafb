package ai.bctrl.operations;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.bctrl.operations.ResilienceFixtures.TestClient;

import static ai.bctrl.operations.ResilienceFixtures.client;
import static ai.bctrl.operations.ResilienceFixtures.operationJson;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Fault catalogue 1-3: the connection fails before or during the response.
 */
class TransportFaultTests {

	private LoopbackServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void connectionRefusedUsesAllAttemptsThenFailsWithTransportException() throws IOException {
		int port = freePort();
		TestClient test = client(settings("http://127.0.0.1:" + port).build());
		BctrlTransportException failure = catchThrowableOfType(BctrlTransportException.class,
				() -> test.client().cancel("op_1").block(WireTestSupport.BLOCK));
		assertThat(failure).isExactlyInstanceOf(BctrlTransportException.class);
		assertThat(failure.attempts()).isEqualTo(3);
		assertThat(failure.operationId()).isEqualTo("op_1");
		assertThat(failure).hasMessageContaining("cancel operation op_1")
			.hasMessageContaining("127.0.0.1:" + port)
			.hasMessageContaining("after 3 attempts")
			.hasMessageNotContaining(ResilienceFixtures.API_KEY);
		// Full jitter at 0.5 of the 100 ms and 200 ms ceilings.
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
		assertThat(test.retried())
			.allSatisfy((retried) -> assertThat(retried).hasMessageContaining("Connection refused"));
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(3);
	}

	@Test
	void resetAfterTheRequestIsRetriedAndSucceeds() {
		this.server = LoopbackServer.start((number, request, response) -> (number == 1) ? LoopbackServer.reset(request)
				: LoopbackServer.json(response, 200, operationJson("op_1", OperationStatus.CANCELLING)));
		TestClient test = client(settings(this.server.baseUrl()).build());
		Operation operation = test.client().cancel("op_1").block(WireTestSupport.BLOCK);
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.server.requestCount()).isEqualTo(2);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50));
		assertThat(test.retried()).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isExactlyInstanceOf(BctrlTransportException.class)
			.hasMessageContaining("Connection reset");
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(1);
		assertThat(test.breakerMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
	}

	@Test
	void connectionClosedMidBodyIsRetriedAndSucceeds() {
		String body = operationJson("op_1", OperationStatus.CANCELLING);
		this.server = LoopbackServer.start((number, request, response) -> (number == 1)
				? LoopbackServer.closeMidBody(request, body, body.length() / 2)
				: LoopbackServer.json(response, 200, body));
		TestClient test = client(settings(this.server.baseUrl()).build());
		Operation operation = test.client().cancel("op_1").block(WireTestSupport.BLOCK);
		assertThat(operation.id()).isEqualTo("op_1");
		assertThat(this.server.requestCount()).isEqualTo(2);
		assertThat(test.waits()).containsExactly(Duration.ofMillis(50));
		assertThat(test.retried()).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isExactlyInstanceOf(BctrlTransportException.class)
			.hasMessageContaining("PrematureCloseException");
		assertThat(test.breakerMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void connectionClosedMidBodyOnEveryAttemptFailsWithTransportException() {
		String body = operationJson("op_1", OperationStatus.CANCELLING);
		this.server = LoopbackServer
			.start((number, request, response) -> LoopbackServer.closeMidBody(request, body, 10));
		TestClient test = client(settings(this.server.baseUrl()).build());
		BctrlTransportException failure = catchThrowableOfType(BctrlTransportException.class,
				() -> test.client().cancel("op_1").block(WireTestSupport.BLOCK));
		assertThat(failure).isExactlyInstanceOf(BctrlTransportException.class);
		assertThat(failure.attempts()).isEqualTo(3);
		assertThat(failure).hasMessageContaining("PrematureCloseException");
		assertThat(this.server.requestCount()).isEqualTo(3);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
