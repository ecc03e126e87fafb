package ai.bctrl.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CancelResult}: exactly one of operation and error.
 */
class CancelResultTests {

	private static final Operation OPERATION = new Operation("op-1", "ws-1", "rt-1", "chromium", RuntimeKind.BROWSER,
			OperationStatus.CANCELLING, null, null, null, null, null, null, null, null, null);

	private static final BctrlException ERROR = new BctrlConflictException("HTTP 409", "op-2", 1,
			BctrlApiException.ErrorInfo.none());

	@Test
	void successHoldsTheOperation() {
		CancelResult result = CancelResult.success("op-1", OPERATION);
		assertThat(result.isSuccess()).isTrue();
		assertThat(result.operationId()).isEqualTo("op-1");
		assertThat(result.operation()).isSameAs(OPERATION);
		assertThat(result.error()).isNull();
	}

	@Test
	void failureHoldsTheError() {
		CancelResult result = CancelResult.failure("op-2", ERROR);
		assertThat(result.isSuccess()).isFalse();
		assertThat(result.operationId()).isEqualTo("op-2");
		assertThat(result.operation()).isNull();
		assertThat(result.error()).isSameAs(ERROR);
	}

	@Test
	void neitherOperationNorErrorIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CancelResult("op-1", null, null))
			.withMessageContaining("Exactly one");
	}

	@Test
	void bothOperationAndErrorAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CancelResult("op-1", OPERATION, ERROR))
			.withMessageContaining("Exactly one");
	}

	@Test
	void successWithoutOperationIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CancelResult.success("op-1", null));
	}

	@Test
	void failureWithoutErrorIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CancelResult.failure("op-1", null));
	}

}
