package ai.bctrl.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;

/**
 * Decides which {@link BctrlException} a failed attempt becomes: the HTTP status picks
 * the type of an error answer (the body only fills in the message), and the kind of error
 * picks it for everything else. The text comes from {@link FailureMessages}.
 */
final class ExceptionMapping {

	private static final int SNIPPET_LENGTH = 300;

	private final OperationsJson json;

	private final Clock clock;

	private final KeyRedaction redaction;

	private final FailureMessages messages;

	ExceptionMapping(String apiKey, OperationsJson json, Clock clock) {
		this.json = json;
		this.clock = clock;
		this.redaction = new KeyRedaction(apiKey);
		this.messages = new FailureMessages(this.redaction);
	}

	BctrlApiException apiError(Call call, int status, HttpHeaders headers, byte[] body) {
		OperationsJson.ErrorBody error = this.json.readErrorBody(body);
		String requestId = firstNonNull(error.requestId(), headers.getFirst("x-request-id"),
				headers.getFirst("x-bctrl-request-id"));
		Duration retryAfter = RetryPolicy.parseRetryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock);
		String snippet = this.redaction.snippet(body, SNIPPET_LENGTH);
		String text = this.messages.apiError(call, status, error.message(), error.code(), requestId, snippet);
		BctrlApiException.ErrorInfo info = BctrlApiException.ErrorInfo.builder()
			.errorCode(error.code())
			.requestId(requestId)
			.details(error.details())
			.bodySnippet(snippet)
			.retryAfter(retryAfter)
			.build();
		int attempts = call.attempts;
		String id = call.operationId;
		return switch (status) {
			case 400, 422 -> new BctrlValidationException(text, id, attempts, status, info);
			case 401 -> new BctrlAuthenticationException(text, id, attempts, info);
			case 403 -> new BctrlPermissionException(text, id, attempts, info);
			case 404 -> new OperationNotFoundException(text, id, attempts, info);
			case 409 -> new BctrlConflictException(text, id, attempts, info);
			case 429 -> new BctrlRateLimitException(text, id, attempts, info);
			default -> (status >= 500) ? new BctrlServerException(text, id, attempts, status, info)
					: new BctrlApiException(text, id, attempts, status, info);
		};
	}

	/**
	 * A redirect: never followed, the call ends with an error of that status.
	 * @param status the 3xx status, or 0 when the connector followed it on its own
	 */
	BctrlApiException redirect(Call call, int status, @Nullable String location) {
		return new BctrlApiException(this.messages.redirect(call, status, location), call.operationId, call.attempts,
				status, BctrlApiException.ErrorInfo.none());
	}

	BctrlResponseException undecodable(Call call, int status, Throwable cause) {
		return new BctrlResponseException(this.messages.undecodable(call, status, cause), call.operationId,
				call.attempts, this.redaction.redact(cause));
	}

	BctrlTimeoutException deadlineExceeded(Call call) {
		return new BctrlTimeoutException(this.messages.deadlineExceeded(call), call.operationId, call.attempts, null);
	}

	BctrlCircuitOpenException circuitOpen(Call call, CallNotPermittedException cause) {
		return new BctrlCircuitOpenException(this.messages.circuitOpen(call), call.operationId, call.attempts, cause);
	}

	/**
	 * The error that ends a call: the breaker's refusal as a
	 * {@link BctrlCircuitOpenException}, any other failure as it is.
	 */
	Throwable ending(Call call, Throwable failure) {
		return (failure instanceof CallNotPermittedException refused) ? circuitOpen(call, refused) : failure;
	}

	/**
	 * The failure of an attempt that the retry budget did not let the client retry: the
	 * same type and data, its message saying why no retry followed.
	 */
	BctrlException retryBudgetExhausted(BctrlException failure) {
		String text = this.messages.retryBudgetExhausted(String.valueOf(failure.getMessage()));
		String id = failure.operationId();
		int attempts = failure.attempts();
		BctrlException copy;
		if (failure instanceof BctrlApiException api) {
			BctrlApiException.ErrorInfo info = BctrlApiException.ErrorInfo.builder()
				.errorCode(api.errorCode())
				.requestId(api.requestId())
				.details(api.details())
				.bodySnippet(api.bodySnippet())
				.retryAfter(api.retryAfter().orElse(null))
				.build();
			if (api instanceof BctrlRateLimitException) {
				copy = new BctrlRateLimitException(text, id, attempts, info);
			}
			else if (api instanceof BctrlServerException) {
				copy = new BctrlServerException(text, id, attempts, api.statusCode(), info);
			}
			else {
				copy = new BctrlApiException(text, id, attempts, api.statusCode(), info);
			}
		}
		else if (failure instanceof BctrlTimeoutException) {
			copy = new BctrlTimeoutException(text, id, attempts, failure.getCause());
		}
		else if (failure instanceof BctrlTransportException) {
			copy = new BctrlTransportException(text, id, attempts, failure.getCause());
		}
		else {
			return failure;
		}
		copy.setStackTrace(failure.getStackTrace());
		return copy;
	}

	/**
	 * Translate a failure that did not come from a response status.
	 */
	BctrlException translate(Call call, Throwable error) {
		if (error instanceof BctrlException bctrl) {
			return bctrl;
		}
		AuthorizingConnector.RedirectRefusedException redirect = findCause(error,
				AuthorizingConnector.RedirectRefusedException.class);
		if (redirect != null) {
			return redirect(call, 0, redirect.location());
		}
		if (error instanceof TimeoutException) {
			String text = call.attemptCutByDeadline ? this.messages.attemptCutByDeadline(call)
					: this.messages.attemptTimedOut(call);
			return new BctrlTimeoutException(text, call.operationId, call.attempts, error);
		}
		Throwable cause = rootCause(error);
		if (cause instanceof DataBufferLimitException) {
			return new BctrlResponseException(this.messages.tooLarge(call, cause), call.operationId, call.attempts,
					error);
		}
		boolean tls = findCause(error, SSLException.class) != null;
		return new BctrlTransportException(this.messages.transport(call, tls, cause), call.operationId, call.attempts,
				error);
	}

	private static @Nullable String firstNonNull(@Nullable String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static Throwable rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	static <T extends Throwable> @Nullable T findCause(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
