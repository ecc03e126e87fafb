package ai.bctrl.sample;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import ai.bctrl.operations.BctrlApiException;
import ai.bctrl.operations.BctrlAuthenticationException;
import ai.bctrl.operations.BctrlCircuitOpenException;
import ai.bctrl.operations.BctrlException;
import ai.bctrl.operations.BctrlPermissionException;
import ai.bctrl.operations.BctrlResponseException;
import ai.bctrl.operations.BctrlServerException;
import ai.bctrl.operations.BctrlTimeoutException;
import ai.bctrl.operations.BctrlTransportException;
import ai.bctrl.operations.OperationNotFoundException;

/**
 * Turns a {@link BctrlException} into an RFC 9457 problem detail whose status says what
 * the caller of this application can do about it:
 *
 * <ul>
 * <li>404, 409, 400/422, 429 and other 4xx answers of bctrl keep their status (the
 * request was wrong or must wait; {@code Retry-After} is passed on);</li>
 * <li>401 and 403 become 502: bctrl refused this application's own API key, which the
 * caller cannot fix (and a 401 would ask the caller to authenticate);</li>
 * <li>5xx answers of bctrl and 2xx bodies that cannot be used become 502 Bad
 * Gateway;</li>
 * <li>an open circuit breaker and a transport failure become 503 Service Unavailable, a
 * timeout 504 Gateway Timeout.</li>
 * </ul>
 *
 * The problem carries the operation id, the attempts made and, for an API error, bctrl's
 * status, error code and request id (to quote to bctrl support). The detail is the
 * exception's message, which never contains the API key.
 */
@RestControllerAdvice
class BctrlProblemDetailsHandler {

	@ExceptionHandler(BctrlException.class)
	ResponseEntity<ProblemDetail> handle(BctrlException ex) {
		HttpStatus status = status(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(title(ex, status));
		problem.setProperty("operationId", ex.operationId());
		problem.setProperty("attempts", ex.attempts());
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof BctrlApiException api) {
			problem.setProperty("bctrlStatus", api.statusCode());
			problem.setProperty("bctrlErrorCode", api.errorCode());
			problem.setProperty("bctrlRequestId", api.requestId());
			if (status == HttpStatus.TOO_MANY_REQUESTS) {
				api.retryAfter()
					.ifPresent((delay) -> headers.set(HttpHeaders.RETRY_AFTER,
							Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
			}
		}
		return ResponseEntity.status(status).headers(headers).body(problem);
	}

	/**
	 * The status to answer for a failure.
	 * @param ex the failure
	 * @return the status
	 */
	static HttpStatus status(BctrlException ex) {
		if (ex instanceof BctrlAuthenticationException || ex instanceof BctrlPermissionException
				|| ex instanceof BctrlServerException || ex instanceof BctrlResponseException) {
			return HttpStatus.BAD_GATEWAY;
		}
		if (ex instanceof BctrlApiException api) {
			HttpStatus status = HttpStatus.resolve(api.statusCode());
			return (status != null && status.is4xxClientError()) ? status : HttpStatus.BAD_GATEWAY;
		}
		if (ex instanceof BctrlTimeoutException) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		if (ex instanceof BctrlCircuitOpenException || ex instanceof BctrlTransportException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String title(BctrlException ex, HttpStatus status) {
		if (ex instanceof BctrlAuthenticationException || ex instanceof BctrlPermissionException) {
			return "bctrl refused this application's API key";
		}
		if (ex instanceof BctrlCircuitOpenException) {
			return "bctrl is failing; calls are paused by the circuit breaker";
		}
		if (ex instanceof BctrlTimeoutException) {
			return "bctrl did not answer in time";
		}
		if (ex instanceof BctrlTransportException) {
			return "bctrl cannot be reached";
		}
		if (ex instanceof BctrlServerException || ex instanceof BctrlResponseException) {
			return "bctrl failed";
		}
		if (ex instanceof OperationNotFoundException) {
			return "Operation not found";
		}
		return status.getReasonPhrase();
	}

}
