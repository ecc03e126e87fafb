package ai.bctrl.emulator;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emulator answering unknown ids: every id is a queued operation made up for the
 * answer and never kept, so millions of ids cost it no memory.
 */
class UnknownIdsTests {

	private final BctrlEmulator emulator = BctrlEmulator.builder().port(0).answerUnknownIds(true).build().start();

	private final EmulatorHttp http = new EmulatorHttp(this.emulator);

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	@Test
	void cancelsAnUnknownIdAsAQueuedOperationUnderThatId() {
		String id = UUID.randomUUID().toString();
		EmulatorHttp.Response response = this.http.cancel(id);
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("id").asString()).isEqualTo(id);
		assertThat(body.get("status").asString()).isEqualTo("cancelled");
		OpenApiContract.STRICT_OPERATION.assertValid(body);
	}

	@Test
	void keepsNothingForAnUnknownId() {
		this.http.cancel("op_42");
		assertThat(this.emulator.operations()).isEmpty();
		assertThat(this.emulator.operation("op_42")).isEmpty();
		assertThat(this.http.get("/v1/operations/op_42").operationStatus()).isEqualTo("queued");
	}

	@Test
	void answersSeededOperationsAsUsual() {
		String id = this.emulator.seed(OperationState.RUNNING);
		assertThat(this.http.cancel(id).operationStatus()).isEqualTo("cancelling");
		assertThat(this.emulator.operation(id))
			.hasValueSatisfying((operation) -> assertThat(operation.state()).isEqualTo(OperationState.CANCELLING));
	}

	@Test
	void answersUnknownIdsNotFoundByDefault() {
		try (BctrlEmulator plain = BctrlEmulator.builder().port(0).build().start()) {
			assertThat(new EmulatorHttp(plain).cancel("op_42").status()).isEqualTo(404);
		}
	}

}
