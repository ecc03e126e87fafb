package ai.bctrl.sample;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import ai.bctrl.operations.OperationNotFoundException;
import ai.bctrl.operations.OperationsClient;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The README's "stub the client" example: a unit test of application code with a stubbed
 * {@link OperationsClient}, no server and no Spring context.
 */
class OperationsControllerTests {

	@Test
	void cancelOfAnUnknownOperationAnswersNotFound() {
		OperationsClient client = mock(OperationsClient.class);
		// The controller derives a client with its request limits: the same stub.
		given(client.withOptions(any())).willReturn(client);
		given(client.cancel("op_1")).willReturn(Mono.error(new OperationNotFoundException("op_1")));
		WebTestClient http = WebTestClient.bindToController(new OperationsController(client))
			.controllerAdvice(new BctrlProblemDetailsHandler())
			.build();
		http.post()
			.uri("/operations/op_1/cancel")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_FOUND)
			.expectBody()
			.jsonPath("$.operationId")
			.isEqualTo("op_1");
	}

}
