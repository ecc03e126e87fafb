package ai.bctrl.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * status, error code and request id (to quote to bctrl support). Its detail says what
 * happened in terms the caller can act on; the exception's message, which names the
 * upstream host and port, the underlying exception and the properties an operator would
 * change, goes to the log (at WARN, without a stack trace: a failing dependency is not a
 * bug of this application).
 */
@RestControllerAdvice
class BctrlProblemDetailsHandler {

	private static final Log logger = LogFactory.getLog(BctrlProblemDetailsHandler.class);

	@ExceptionHandler(BctrlException.class)
	ResponseEntity<ProblemDetail> handle(BctrlException ex) {
		HttpStatus status = status(ex);
		logger.warn(
				"bctrl call answered with " + status.value() + " " + status.getReasonPhrase() + ": " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(ex));
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

	/**
	 * What happened, for the caller: no host, port, exception name or property name.
	 * @param ex the failure
	 * @return the detail
	 */
	static String detail(BctrlException ex) {
		String operation = (ex.operationId() != null) ? "operation " + ex.operationId() : "the operation";
		String attempts = " after " + ex.attempts() + ((ex.attempts() == 1) ? " attempt" : " attempts");
		if (ex instanceof OperationNotFoundException) {
			return "bctrl has no " + operation;
		}
		if (ex instanceof BctrlAuthenticationException || ex instanceof BctrlPermissionException) {
			return "bctrl refused this application's credentials for " + operation
					+ "; the operator must check its configuration";
		}
		if (ex instanceof BctrlCircuitOpenException) {
			return "Calls to bctrl are paused after repeated failures; " + operation
					+ " was not called. Try again later";
		}
		if (ex instanceof BctrlTimeoutException) {
			return "bctrl did not answer in time for " + operation + attempts;
		}
		if (ex instanceof BctrlTransportException) {
			return "bctrl could not be reached for " + operation + attempts + ". Try again later";
		}
		if (ex instanceof BctrlServerException || ex instanceof BctrlResponseException) {
			return "bctrl failed to handle " + operation + attempts;
		}
		if (ex instanceof BctrlApiException api) {
			return "bctrl refused the request for " + operation + " with HTTP " + api.statusCode()
					+ ((api.errorCode() != null) ? " (" + api.errorCode() + ")" : "");
		}
		return "The call to bctrl for " + operation + " failed";
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
