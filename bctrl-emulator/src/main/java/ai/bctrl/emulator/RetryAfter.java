package ai.bctrl.emulator;

import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Checks a raw {@code Retry-After} value before a fault sends it: a header value with a
 * line break would break every response it is added to.
 */
final class RetryAfter {

	private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");

	private RetryAfter() {
	}

	/**
	 * Check a value is delta-seconds or an HTTP-date (RFC 9110).
	 * @param field the name to report
	 * @param value the value
	 * @throws IllegalArgumentException if it is neither
	 */
	static void check(String field, String value) {
		if (value != null && SECONDS.matcher(value).matches()) {
			return;
		}
		try {
			DateTimeFormatter.RFC_1123_DATE_TIME.parse(value);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(field
					+ " must be a whole number of seconds ≥ 0 or an HTTP-date such as 'Wed, 21 Oct 2037 07:28:00 GMT' but was '"
					+ value + "'");
		}
	}

}
