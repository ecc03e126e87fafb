package ai.bctrl.operations;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static ai.bctrl.operations.ResilienceFixtures.error;
import static ai.bctrl.operations.ResilienceFixtures.operation;
import static ai.bctrl.operations.ResilienceFixtures.settings;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link BlockingOperationsClient}: the reactive call, blocked on; failures thrown as
 * themselves; refused on an event loop.
 */
class BlockingOperationsClientTests {

	private final MockWebServer server = WireTestSupport.startServer();

	private final OperationsClient client = OperationsClient
		.builder(settings(WireTestSupport.baseUrl(this.server)).build())
		.build();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void returnsTheOperation() {
		this.server.enqueue(operation("op_1", OperationStatus.RUNNING));
		Operation operation = this.client.blocking().get("op_1");
		assertThat(operation.id()).isEqualTo("op_1");
		assertThat(operation.status()).isEqualTo(OperationStatus.RUNNING);
	}

	@Test
	void throwsTheNotFoundExceptionItselfWithTheCallersStack() {
		this.server.enqueue(error(404));
		OperationNotFoundException failure = catchThrowableOfType(OperationNotFoundException.class,
				() -> this.client.blocking().cancel("op_missing"));
		assertThat(failure.statusCode()).isEqualTo(404);
		assertThat(failure.operationId()).isEqualTo("op_missing");
		assertThat(Arrays.stream(failure.getSuppressed())
			.flatMap((suppressed) -> Arrays.stream(suppressed.getStackTrace()))
			.map(StackTraceElement::getMethodName)).contains("throwsTheNotFoundExceptionItselfWithTheCallersStack");
	}

	@Test
	void failsAtOnceOnAReactorNettyEventLoop() {
		this.server.enqueue(operation("op_1", OperationStatus.RUNNING));
		BlockingOperationsClient blocking = this.client.blocking();
		// The response of the reactive call is handled on the client's event loop.
		Mono<Operation> nested = this.client.get("op_1").map((operation) -> blocking.get("op_2"));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> nested.block(BLOCK))
			.withMessageContaining("BlockingOperationsClient.get was called on the non-blocking thread reactor-http-")
			.withMessageContaining("use the reactive OperationsClient");
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void callIsBoundedByTheDeadlineOfItsClient() {
		try (LoopbackServer silent = LoopbackServer.start((number, request, response) -> LoopbackServer.stall())) {
			BlockingOperationsClient blocking = OperationsClient
				.builder(settings(silent.baseUrl()).attemptTimeout(Duration.ofSeconds(30))
					.deadline(Duration.ofSeconds(30))
					.build())
				.build()
				.withOptions(CallOptions.builder().deadline(Duration.ofMillis(300)).build())
				.blocking();
			BctrlTimeoutException failure = catchThrowableOfType(BctrlTimeoutException.class,
					() -> blocking.get("op_1"));
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure).hasMessageContaining("0.3s");
		}
	}

	@Test
	void cancelAllReturnsOneResultPerId() {
		this.server.enqueue(operation("op_1", OperationStatus.CANCELLING));
		List<CancelResult> results = this.client.withOptions(CallOptions.builder().maxAttempts(1).build())
			.blocking()
			.cancelAll(List.of("op_1", " "));
		assertThat(results).hasSize(2);
		assertThat(results).filteredOn(CancelResult::isSuccess)
			.extracting(CancelResult::operationId)
			.containsExactly("op_1");
		assertThat(results).filteredOn((result) -> !result.isSuccess())
			.extracting(CancelResult::operationId)
			.containsExactly(" ");
	}

}
