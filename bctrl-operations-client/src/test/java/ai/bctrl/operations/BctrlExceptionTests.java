package ai.bctrl.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.bctrl.operations.BctrlApiException.ErrorInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The exception hierarchy of the design, and the data each exception carries.
 */
class BctrlExceptionTests {

	@Test
	void everyExceptionIsUnchecked() {
		assertThat(RuntimeException.class).isAssignableFrom(BctrlException.class);
	}

	@ParameterizedTest
	@ValueSource(classes = { BctrlAuthenticationException.class, BctrlPermissionException.class,
			OperationNotFoundException.class, BctrlConflictException.class, BctrlValidationException.class,
			BctrlRateLimitException.class, BctrlServerException.class })
	void apiExceptionsExtendBctrlApiException(Class<?> type) {
		assertThat(type.getSuperclass()).isEqualTo(BctrlApiException.class);
	}

	@ParameterizedTest
	@ValueSource(classes = { BctrlApiException.class, BctrlTransportException.class, BctrlCircuitOpenException.class,
			BctrlResponseException.class })
	void familiesExtendBctrlException(Class<?> type) {
		assertThat(type.getSuperclass()).isEqualTo(BctrlException.class);
	}

	@Test
	void timeoutIsATransportException() {
		assertThat(BctrlTimeoutException.class.getSuperclass()).isEqualTo(BctrlTransportException.class);
	}

	@Test
	void bctrlExceptionCarriesOperationIdAttemptsAndCause() {
		IllegalStateException cause = new IllegalStateException("boom");
		BctrlException exception = new BctrlTransportException("cancel operation op-1 failed", "op-1", 3, cause);
		assertThat(exception.operationId()).isEqualTo("op-1");
		assertThat(exception.attempts()).isEqualTo(3);
		assertThat(exception).hasMessage("cancel operation op-1 failed").hasCause(cause);
	}

	@Test
	void apiExceptionCarriesWhatTheServerSaid() {
		BctrlApiException exception = new BctrlRateLimitException("get operation op-1 failed: HTTP 429", "op-1", 2,
				ErrorInfo.builder()
					.errorCode("rate_limited")
					.requestId("req-9")
					.details(Map.of("limit", 10))
					.bodySnippet("{\"error\":\"slow down\"}")
					.retryAfter(Duration.ofSeconds(90))
					.build());
		assertThat(exception.statusCode()).isEqualTo(429);
		assertThat(exception.errorCode()).isEqualTo("rate_limited");
		assertThat(exception.requestId()).isEqualTo("req-9");
		assertThat(exception.details()).containsExactly(Map.entry("limit", 10));
		assertThat(exception.bodySnippet()).isEqualTo("{\"error\":\"slow down\"}");
		assertThat(exception.retryAfter()).contains(Duration.ofSeconds(90));
		assertThat(exception.operationId()).isEqualTo("op-1");
		assertThat(exception.attempts()).isEqualTo(2);
	}

	@Test
	void apiExceptionWithoutOptionalDataGivesEmptyValues() {
		BctrlApiException exception = new BctrlServerException("HTTP 502", "op-1", 1, 502, ErrorInfo.none());
		assertThat(exception.errorCode()).isNull();
		assertThat(exception.requestId()).isNull();
		assertThat(exception.details()).isEmpty();
		assertThat(exception.bodySnippet()).isNull();
		assertThat(exception.retryAfter()).isEqualTo(Optional.empty());
	}

	@Test
	void apiExceptionDetailsAreAnUnmodifiableCopy() {
		Map<String, Object> details = new HashMap<>();
		details.put("field", "id");
		BctrlApiException exception = new BctrlValidationException("HTTP 400", "op-1", 1, 400,
				ErrorInfo.builder().errorCode("invalid").details(details).build());
		details.put("later", true);
		assertThat(exception.details()).containsOnlyKeys("field");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> exception.details().put("x", List.of()));
	}

	@Test
	void operationNotFoundIsCreatedInOneShortCall() {
		OperationNotFoundException exception = new OperationNotFoundException("op_1");
		assertThat(exception.statusCode()).isEqualTo(404);
		assertThat(exception.operationId()).isEqualTo("op_1");
		assertThat(exception.attempts()).isEqualTo(1);
		assertThat(exception.details()).isEmpty();
		assertThat(exception).hasMessageContaining("operation op_1 not found").hasMessageContaining("HTTP 404");
	}

	@Test
	void subclassesWithAFixedStatusReportIt() {
		assertThat(new BctrlAuthenticationException("m", "op-1", 1, ErrorInfo.none()).statusCode()).isEqualTo(401);
		assertThat(new BctrlPermissionException("m", "op-1", 1, ErrorInfo.none()).statusCode()).isEqualTo(403);
		assertThat(new BctrlConflictException("m", "op-1", 1, ErrorInfo.none()).statusCode()).isEqualTo(409);
		assertThat(new BctrlRateLimitException("m", "op-1", 1, ErrorInfo.none()).statusCode()).isEqualTo(429);
	}

	@Test
	void circuitOpenCountsAttemptsBeforeTheRefusal() {
		BctrlCircuitOpenException exception = new BctrlCircuitOpenException("open", "op-1", 0, null);
		assertThat(exception.attempts()).isZero();
		assertThat(exception.getCause()).isNull();
	}

}
