package ai.bctrl.operations;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
		BctrlApiException exception = new BctrlRateLimitException("get operation op-1 failed: HTTP 429", "op-1", 2, 429,
				"rate_limited", "req-9", Map.of("limit", 10), "{\"error\":\"slow down\"}", Duration.ofSeconds(90));
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
		BctrlApiException exception = new BctrlServerException("HTTP 502", "op-1", 1, 502, null, null, null, null,
				null);
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
		BctrlApiException exception = new BctrlValidationException("HTTP 400", "op-1", 1, 400, "invalid", null, details,
				null, null);
		details.put("later", true);
		assertThat(exception.details()).containsOnlyKeys("field");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> exception.details().put("x", List.of()));
	}

	@Test
	void circuitOpenCountsAttemptsBeforeTheRefusal() {
		BctrlCircuitOpenException exception = new BctrlCircuitOpenException("open", "op-1", 0, null);
		assertThat(exception.attempts()).isZero();
		assertThat(exception.getCause()).isNull();
	}

}
