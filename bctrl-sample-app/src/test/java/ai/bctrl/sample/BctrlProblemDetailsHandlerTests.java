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
import ai.bctrl.operations.BctrlApiException.ErrorInfo;
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
			.handle(new BctrlRateLimitException("cancel operation op-1 failed: HTTP 429", "op-1", 3,
					ErrorInfo.builder()
						.errorCode("rate_limited")
						.requestId("req-1")
						.retryAfter(Duration.ofMillis(2500))
						.build()));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
		ProblemDetail problem = response.getBody();
		assertThat(problem.getDetail())
			.isEqualTo("bctrl refused the request for operation op-1 with HTTP 429 (rate_limited)");
		assertThat(problem.getProperties()).containsEntry("operationId", "op-1")
			.containsEntry("attempts", 3)
			.containsEntry("bctrlStatus", 429)
			.containsEntry("bctrlErrorCode", "rate_limited")
			.containsEntry("bctrlRequestId", "req-1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void detailLeavesOutWhatOnlyTheOperatorCanUse(BctrlException failure) {
		BctrlException revealing = new BctrlTransportException(
				"cancel operation op-1 failed: could not get a response from api.internal:8443 "
						+ "(ConnectException: Connection refused), check bctrl.api.base-url; 3 attempts",
				"op-1", 3, null);
		for (BctrlException ex : new BctrlException[] { failure, revealing }) {
			assertThat(BctrlProblemDetailsHandler.detail(ex)).doesNotContain("api.internal", "8443", "Exception",
					"bctrl.api.", "HTTP " + ex.attempts() + " attempts");
		}
		assertThat(BctrlProblemDetailsHandler.detail(revealing))
			.isEqualTo("bctrl could not be reached for operation op-1 after 3 attempts. Try again later");
	}

	private static BctrlApiException api(Class<? extends BctrlApiException> type, int status) {
		String message = "HTTP " + status;
		ErrorInfo none = ErrorInfo.none();
		BctrlApiException exception = switch (status) {
			case 401 -> new BctrlAuthenticationException(message, "op-1", 1, none);
			case 403 -> new BctrlPermissionException(message, "op-1", 1, none);
			case 404 -> new OperationNotFoundException(message, "op-1", 1, none);
			case 409 -> new BctrlConflictException(message, "op-1", 1, none);
			case 429 -> new BctrlRateLimitException(message, "op-1", 1, none);
			case 400, 422 -> new BctrlValidationException(message, "op-1", 1, status, none);
			default -> (status >= 500) ? new BctrlServerException(message, "op-1", 1, status, none)
					: new BctrlApiException(message, "op-1", 1, status, none);
		};
		return type.cast(exception);
	}

}
