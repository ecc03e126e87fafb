package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Turns whatever went wrong in an attempt into the {@link BctrlException} a caller can
 * act on, with a message that names the call, the status, the server's words, the request
 * id and the attempts, and never the API key.
 */
final class Failures {

	private static final int SNIPPET_LENGTH = 300;

	private static final int MAX_CAUSE_DEPTH = 16;

	private final String apiKey;

	private final OperationsJson json;

	private final Clock clock;

	Failures(String apiKey, OperationsJson json, Clock clock) {
		this.apiKey = apiKey;
		this.json = json;
		this.clock = clock;
	}

	BctrlApiException apiError(Call call, int status, HttpHeaders headers, byte[] body) {
		OperationsJson.ErrorBody error = this.json.readErrorBody(body);
		String requestId = firstNonNull(error.requestId(), headers.getFirst("x-request-id"),
				headers.getFirst("x-bctrl-request-id"));
		Duration retryAfter = RetryPolicy.parseRetryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock);
		String snippet = snippet(body);
		StringBuilder message = new StringBuilder(call.description()).append(" failed: HTTP ").append(status);
		HttpStatus known = HttpStatus.resolve(status);
		if (known != null) {
			message.append(' ').append(known.getReasonPhrase());
		}
		if (error.message() != null) {
			message.append(": ").append(error.message());
		}
		else if (snippet != null) {
			message.append(" (body: ").append(snippet).append(')');
		}
		if (error.code() != null) {
			message.append(" [code ").append(error.code()).append(']');
		}
		if (requestId != null) {
			message.append(" [request id ").append(requestId).append(']');
		}
		message.append(attempts(call.attempts)).append(advice(status));
		// Everything from the server (message, code, request id) may echo the key.
		String text = redact(message.toString());
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

	BctrlResponseException undecodable(Call call, int status, Throwable cause) {
		return new BctrlResponseException(
				call.description() + " failed: HTTP " + status + " response body is not a bctrl operation ("
						+ redact(String.valueOf(cause.getMessage())) + ")" + attempts(call.attempts),
				call.operationId, call.attempts, redact(cause));
	}

	BctrlTimeoutException deadlineExceeded(Call call) {
		return new BctrlTimeoutException(
				call.description() + " failed: deadline of " + format(call.deadline) + " exceeded"
						+ attempts(call.attempts) + "; raise bctrl.api.deadline if the service is slow",
				call.operationId, call.attempts, null);
	}

	BctrlCircuitOpenException circuitOpen(Call call, CallNotPermittedException cause) {
		String sent = (call.attempts == 0) ? "no request was sent"
				: "no further request was sent" + attempts(call.attempts);
		return new BctrlCircuitOpenException(
				call.description()
						+ " failed fast: the circuit breaker is open after repeated failures of the bctrl API, " + sent
						+ "; it lets a trial call through after its open period",
				call.operationId, call.attempts, cause);
	}

	/**
	 * Translate a failure that did not come from a response status.
	 */
	BctrlException translate(Call call, Throwable error) {
		if (error instanceof BctrlException bctrl) {
			return bctrl;
		}
		String prefix = call.description() + " failed: ";
		if (error instanceof TimeoutException) {
			if (call.attemptCutByDeadline) {
				return new BctrlTimeoutException(
						prefix + "deadline of " + format(call.deadline) + " exceeded" + attempts(call.attempts),
						call.operationId, call.attempts, error);
			}
			return new BctrlTimeoutException(
					prefix + "no complete response within " + format(call.attemptTimeout) + attempts(call.attempts),
					call.operationId, call.attempts, error);
		}
		Throwable cause = rootCause(error);
		if (cause instanceof DataBufferLimitException) {
			return new BctrlResponseException(prefix + "response body is larger than max-response-size ("
					+ cause.getMessage() + ")" + attempts(call.attempts), call.operationId, call.attempts, error);
		}
		String what = (findCause(error, SSLException.class) != null) ? "TLS failed talking to "
				: "could not get a response from ";
		return new BctrlTransportException(
				prefix + what + call.uri.getHost() + ":" + port(call) + " (" + cause.getClass().getSimpleName() + ": "
						+ redact(String.valueOf(cause.getMessage())) + ")" + attempts(call.attempts),
				call.operationId, call.attempts, error);
	}

	private static int port(Call call) {
		int port = call.uri.getPort();
		return (port != -1) ? port : ("https".equalsIgnoreCase(call.uri.getScheme()) ? 443 : 80);
	}

	/**
	 * The cause to attach: as it is, or a copy without the key when a message in its
	 * chain contains it (a decoder quoting the body, for example), since logging the
	 * exception prints every cause.
	 */
	Throwable redact(Throwable cause) {
		return redact(cause, 0);
	}

	private Throwable redact(Throwable cause, int depth) {
		if (cause == null || depth > MAX_CAUSE_DEPTH || !revealsKey(cause)) {
			return cause;
		}
		return new RedactedCause(cause, redact(cause.getMessage()), redact(cause.getCause(), depth + 1));
	}

	private boolean revealsKey(Throwable error) {
		Throwable cause = error;
		for (int depth = 0; cause != null && depth <= MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && !message.equals(redact(message))) {
				return true;
			}
		}
		return false;
	}

	/** Removes the API key from text that came from outside (server messages, bodies). */
	String redact(String text) {
		if (text == null || this.apiKey == null || this.apiKey.length() < 4) {
			return text;
		}
		return text.replace(this.apiKey, "******");
	}

	/**
	 * The start of the body, whitespace collapsed and the key removed before it is cut,
	 * so that no cut can leave the start of the key behind.
	 */
	private String snippet(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		int read = Math.min(body.length, SNIPPET_LENGTH * 4);
		String text = redact(new String(body, 0, read, StandardCharsets.UTF_8).replaceAll("\\s+", " "));
		if (read < body.length) {
			text = withoutKeyStartAtEnd(text);
		}
		text = text.trim();
		return (text.length() > SNIPPET_LENGTH) ? text.substring(0, SNIPPET_LENGTH) + "…" : text;
	}

	/** Text read from a cut body may end in the first characters of the key. */
	private String withoutKeyStartAtEnd(String text) {
		if (this.apiKey == null) {
			return text;
		}
		for (int length = Math.min(this.apiKey.length() - 1, text.length()); length > 0; length--) {
			if (text.endsWith(this.apiKey.substring(0, length))) {
				return text.substring(0, text.length() - length);
			}
		}
		return text;
	}

	private static String attempts(int attempts) {
		return (attempts == 1) ? " after 1 attempt" : " after " + attempts + " attempts";
	}

	private static String advice(int status) {
		return switch (status) {
			case 401 -> "; check the API key (bctrl.api.key, or the BCTRL_API_KEY environment variable)";
			case 403 -> "; the API key has no access to this operation's workspace";
			case 404 -> "; check the operation id and that it belongs to the API key's workspace";
			case 429 -> "; too many requests, slow down or raise the rate limit";
			default -> "";
		};
	}

	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

	private static String firstNonNull(String... values) {
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

	static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/**
	 * Stands in for a cause whose message contained the key: same class name in the text,
	 * same stack trace, key removed.
	 */
	static final class RedactedCause extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RedactedCause(Throwable original, String message, Throwable cause) {
			super((message != null) ? original.getClass().getName() + ": " + message : original.getClass().getName(),
					cause, false, true);
			setStackTrace(original.getStackTrace());
		}

		@Override
		public String toString() {
			return getMessage();
		}

	}

}
