package ai.bctrl.operations;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

import javax.net.ssl.SSLException;

import reactor.netty.channel.AbortedException;

import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

/**
 * What is retried and how long to wait: exponential backoff with full jitter, the
 * server's {@code Retry-After} on 429 and 503, and never a wait that would end past the
 * call's deadline.
 */
final class RetryPolicy {

	/**
	 * HTTP-date formats a recipient must accept (RFC 9110 5.6.7): IMF-fixdate, and the
	 * obsolete RFC 850 and asctime forms.
	 */
	private static final List<DateTimeFormatter> HTTP_DATE_FORMATS = List.of(DateTimeFormatter.RFC_1123_DATE_TIME,
			new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
				.appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
				.appendPattern(" HH:mm:ss 'GMT'")
				.toFormatter(Locale.US)
				.withZone(ZoneOffset.UTC),
			DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

	private final RetrySettings settings;

	private final DoubleSupplier jitter;

	private final int maxAttempts;

	RetryPolicy(RetrySettings settings, DoubleSupplier jitter) {
		this(settings, jitter, settings.maxAttempts());
	}

	/**
	 * A policy allowing more attempts than the settings can (at most 10): tests show with
	 * it that the retry loop does not grow the stack.
	 */
	RetryPolicy(RetrySettings settings, DoubleSupplier jitter, int maxAttempts) {
		this.settings = settings;
		this.jitter = jitter;
		this.maxAttempts = maxAttempts;
	}

	/** The attempts of a call in all, the first included. */
	int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Whether a failure is worth another attempt: transport errors (I/O errors, and a
	 * connection Reactor Netty found closed before it sent the request), attempt timeouts
	 * and the client's own connection pool limits, but not TLS certificate or host-name
	 * errors; and 408, 429, 500, 502, 503, 504.
	 */
	static boolean isRetryable(BctrlException failure) {
		if (failure instanceof BctrlApiException api) {
			return switch (api.statusCode()) {
				case 408, 429, 500, 502, 503, 504 -> true;
				default -> false;
			};
		}
		if (failure instanceof BctrlTransportException) {
			Throwable cause = failure.getCause();
			return ExceptionMapping.findCause(cause, SSLException.class) == null
					&& (ExceptionMapping.findCause(cause, IOException.class) != null || isLocalLimit(cause)
							|| ExceptionMapping.findCause(cause, AbortedException.class) != null
							|| ExceptionMapping.findCause(cause, TimeoutException.class) != null);
		}
		return false;
	}

	/**
	 * Whether the circuit breaker counts a failure against the service: transport errors,
	 * timeouts and 5xx. Any other answer means the service is up.
	 */
	static boolean isServiceFailure(Throwable failure) {
		return (failure instanceof BctrlTransportException || failure instanceof BctrlServerException)
				&& !isLocalLimit(failure);
	}

	/**
	 * Whether a failure comes from the client's own limits, not from the service: no
	 * connection of the pool became free in time, or its queue of waiting requests was
	 * full. Matched by name: Reactor Netty shades the pool's exceptions.
	 */
	static boolean isLocalLimit(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if (name.equals("PoolAcquirePendingLimitException") || name.equals("PoolAcquireTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Delay before the attempt after {@code failedAttempt}, or -1 not to retry: the
	 * failure is not retryable, or the wait would not end before the deadline.
	 * @param failure the failure of the attempt
	 * @param failedAttempt number of the attempt that failed, from 1
	 * @param remainingNanos time left before the call's deadline
	 */
	long delayMillis(BctrlException failure, int failedAttempt, long remainingNanos) {
		if (failedAttempt >= this.maxAttempts || !isRetryable(failure)) {
			return -1;
		}
		Duration delay = serverRequestedDelay(failure);
		if (delay == null) {
			delay = backoff(failedAttempt);
		}
		return (delay.toNanos() < remainingNanos) ? delay.toMillis() : -1;
	}

	/**
	 * Full jitter: uniform in [0, min(maxBackoff, initialBackoff * multiplier^(n-1))].
	 */
	Duration backoff(int failedAttempt) {
		double ceiling = Math.min(this.settings.maxBackoff().toNanos(),
				this.settings.initialBackoff().toNanos() * Math.pow(this.settings.multiplier(), failedAttempt - 1));
		return Duration.ofNanos((long) (ceiling * this.jitter.getAsDouble()));
	}

	private Duration serverRequestedDelay(BctrlException failure) {
		if (failure instanceof BctrlApiException api && (api.statusCode() == 429 || api.statusCode() == 503)) {
			return api.retryAfter()
				.map((retryAfter) -> (retryAfter.compareTo(this.settings.maxRetryAfter()) > 0)
						? this.settings.maxRetryAfter() : retryAfter)
				.orElse(null);
		}
		return null;
	}

	/**
	 * Parse a {@code Retry-After} header: delta-seconds or an HTTP-date.
	 * @return the wait it asks for (zero for a date in the past), or {@code null} when
	 * absent or malformed
	 */
	static Duration parseRetryAfter(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(text));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		for (DateTimeFormatter format : HTTP_DATE_FORMATS) {
			try {
				ZonedDateTime date = ZonedDateTime.parse(text, format);
				Duration wait = Duration.between(clock.instant(), date.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		return null;
	}

}
