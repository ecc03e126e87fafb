package ai.bctrl.operations;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The text of every {@link BctrlException} the client reports: it names the call, the
 * status, the server's words, the request id and the attempts, says what to do, and never
 * contains the API key.
 */
final class FailureMessages {

	private final KeyRedaction redaction;

	FailureMessages(KeyRedaction redaction) {
		this.redaction = redaction;
	}

	String apiError(Call call, int status, String serverMessage, String errorCode, String requestId, String snippet) {
		StringBuilder message = new StringBuilder(call.description()).append(" failed: HTTP ").append(status);
		HttpStatus known = HttpStatus.resolve(status);
		if (known != null) {
			message.append(' ').append(known.getReasonPhrase());
		}
		if (serverMessage != null) {
			message.append(": ").append(serverMessage);
		}
		else if (snippet != null) {
			message.append(" (body: ").append(snippet).append(')');
		}
		if (errorCode != null) {
			message.append(" [code ").append(errorCode).append(']');
		}
		if (requestId != null) {
			message.append(" [request id ").append(requestId).append(']');
		}
		message.append(attempts(call.attempts)).append(advice(status));
		// Everything from the server (message, code, request id) may echo the key.
		return this.redaction.redact(message.toString());
	}

	String undecodable(Call call, int status, Throwable cause) {
		return call.description() + " failed: HTTP " + status + " response body is not a bctrl operation ("
				+ this.redaction.redact(String.valueOf(cause.getMessage())) + ")" + attempts(call.attempts);
	}

	String deadlineExceeded(Call call) {
		return call.description() + " failed: deadline of " + format(call.deadline) + " exceeded"
				+ attempts(call.attempts) + "; raise bctrl.api.deadline if the service is slow";
	}

	String attemptCutByDeadline(Call call) {
		return call.description() + " failed: deadline of " + format(call.deadline) + " exceeded"
				+ attempts(call.attempts);
	}

	String attemptTimedOut(Call call) {
		return call.description() + " failed: no complete response within " + format(call.attemptTimeout)
				+ attempts(call.attempts);
	}

	String circuitOpen(Call call) {
		String sent = (call.attempts == 0) ? "no request was sent"
				: "no further request was sent" + attempts(call.attempts);
		return call.description()
				+ " failed fast: the circuit breaker is open after repeated failures of the bctrl API, " + sent
				+ "; it lets a trial call through after its open period";
	}

	String retryBudgetExhausted(String message) {
		return message + "; not retried: the client's retry budget is exhausted (too many retries lately,"
				+ " see bctrl.api.retry.budget.*), it refills as calls succeed";
	}

	/**
	 * A redirect, which is never followed.
	 * @param status the 3xx status, or 0 when the connector followed it on its own
	 * @param location where it pointed, or {@code null} when the response had none
	 */
	String redirect(Call call, int status, @Nullable String location) {
		String answer = (status != 0) ? "HTTP " + status + " redirect" : "the connector followed a redirect";
		return call.description() + " failed: " + answer + " to "
				+ ((location != null) ? this.redaction.redact(location) : "(no Location header)")
				+ "; redirects are never followed, so no answer is taken from another host; check bctrl.api.base-url"
				+ attempts(call.attempts);
	}

	String tooLarge(Call call, Throwable cause) {
		return call.description() + " failed: response body is larger than max-response-size (" + cause.getMessage()
				+ ")" + attempts(call.attempts);
	}

	String transport(Call call, boolean tls, Throwable cause) {
		String what = tls ? "TLS failed talking to " : "could not get a response from ";
		return call.description() + " failed: " + what + call.uri.getHost() + ":" + port(call) + " ("
				+ cause.getClass().getSimpleName() + ": " + this.redaction.redact(String.valueOf(cause.getMessage()))
				+ ")" + attempts(call.attempts);
	}

	private static int port(Call call) {
		int port = call.uri.getPort();
		return (port != -1) ? port : ("https".equalsIgnoreCase(call.uri.getScheme()) ? 443 : 80);
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
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
