package ai.bctrl.sample;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import ai.bctrl.operations.BctrlApiException;
import ai.bctrl.operations.BctrlAuthenticationException;
import ai.bctrl.operations.BctrlCircuitOpenException;
import ai.bctrl.operations.BctrlConflictException;
import ai.bctrl.operations.BctrlException;
import ai.bctrl.operations.BctrlPermissionException;
import ai.bctrl.operations.BctrlRateLimitException;
import ai.bctrl.operations.BctrlResponseException;
import ai.bctrl.operations.BctrlServerException;
import ai.bctrl.operations.BctrlTimeoutException;
import ai.bctrl.operations.BctrlTransportException;
import ai.bctrl.operations.BctrlValidationException;
import ai.bctrl.operations.OperationNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BctrlProblemDetailsHandler}.
 */
class BctrlProblemDetailsHandlerTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("failures")
	void answersWithTheStatusTheCallerCanActOn(BctrlException failure, HttpStatus expected) {
		assertThat(BctrlProblemDetailsHandler.status(failure)).isEqualTo(expected);
	}

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of(api(OperationNotFoundException.class, 404), HttpStatus.NOT_FOUND),
				Arguments.of(api(BctrlConflictException.class, 409), HttpStatus.CONFLICT),
				Arguments.of(api(BctrlValidationException.class, 400), HttpStatus.BAD_REQUEST),
				Arguments.of(api(BctrlValidationException.class, 422), HttpStatus.UNPROCESSABLE_CONTENT),
				Arguments.of(api(BctrlRateLimitException.class, 429), HttpStatus.TOO_MANY_REQUESTS),
				Arguments.of(api(BctrlApiException.class, 405), HttpStatus.METHOD_NOT_ALLOWED),
				Arguments.of(api(BctrlAuthenticationException.class, 401), HttpStatus.BAD_GATEWAY),
				Arguments.of(api(BctrlPermissionException.class, 403), HttpStatus.BAD_GATEWAY),
				Arguments.of(api(BctrlServerException.class, 503), HttpStatus.BAD_GATEWAY),
				Arguments.of(new BctrlResponseException("bad body", "op-1", 1, null), HttpStatus.BAD_GATEWAY),
				Arguments.of(new BctrlCircuitOpenException("open", "op-1", 0, null), HttpStatus.SERVICE_UNAVAILABLE),
				Arguments.of(new BctrlTransportException("refused", "op-1", 3, null), HttpStatus.SERVICE_UNAVAILABLE),
				Arguments.of(new BctrlTimeoutException("slow", "op-1", 3, null), HttpStatus.GATEWAY_TIMEOUT),
				Arguments.of(new BctrlException("other", "op-1", 1, null), HttpStatus.INTERNAL_SERVER_ERROR));
	}

	@Test
	void problemDetailCarriesWhatBctrlSaid() {
		ResponseEntity<ProblemDetail> response = new BctrlProblemDetailsHandler()
			.handle(new BctrlRateLimitException("cancel operation op-1 failed: HTTP 429", "op-1", 3, 429,
					"rate_limited", "req-1", null, null, Duration.ofMillis(2500)));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
		ProblemDetail problem = response.getBody();
		assertThat(problem.getDetail()).isEqualTo("cancel operation op-1 failed: HTTP 429");
		assertThat(problem.getProperties()).containsEntry("operationId", "op-1")
			.containsEntry("attempts", 3)
			.containsEntry("bctrlStatus", 429)
			.containsEntry("bctrlErrorCode", "rate_limited")
			.containsEntry("bctrlRequestId", "req-1");
	}

	private static BctrlApiException api(Class<? extends BctrlApiException> type, int status) {
		try {
			return type
				.getConstructor(String.class, String.class, int.class, int.class, String.class, String.class,
						java.util.Map.class, String.class, Duration.class)
				.newInstance("HTTP " + status, "op-1", 1, status, null, null, null, null, null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
