package ai.bctrl.operations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

import org.jspecify.annotations.Nullable;

/**
 * Parses the one timestamp shape the API sends, {@code 2025-06-01T10:00:01.250Z} (RFC
 * 3339: a four-digit year, seconds, an optional fraction of up to nine digits, {@code Z}
 * or an {@code ±HH:MM} offset), without a {@code DateTimeFormatter}: a formatter's parse
 * builds a field map and a resolver for every value, about a fifth of the client's CPU
 * time per call with the four timestamps of an operation. Anything else is left to
 * {@code java.time}'s parsers.
 */
final class CanonicalTimestamp {

	private static final int[] FRACTION_SCALE = { 1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
			10, 1 };

	private static final int SECONDS_PER_DAY = 86_400;

	private CanonicalTimestamp() {
	}

	/**
	 * The instant of a canonical timestamp.
	 * @param text the timestamp
	 * @return the instant, or {@code null} when the text is not in the canonical shape or
	 * not a valid date and time (the caller falls back to {@code java.time})
	 */
	static @Nullable Instant parse(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
			return null;
		}
		int position = 19;
		int nanos = 0;
		if (text.charAt(position) == '.') {
			int start = ++position;
			while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
				nanos = nanos * 10 + (text.charAt(position) - '0');
				position++;
			}
			int count = position - start;
			if (count == 0 || (position < length && isDigit(text.charAt(position)))) {
				return null;
			}
			nanos *= FRACTION_SCALE[count];
		}
		int offsetSeconds = offsetSeconds(text, position);
		if (offsetSeconds == Integer.MIN_VALUE) {
			return null;
		}
		long epochSecond = LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L
				+ second - offsetSeconds;
		return Instant.ofEpochSecond(epochSecond, nanos);
	}

	/** The offset that ends the text at {@code position}, or {@code MIN_VALUE}. */
	private static int offsetSeconds(String text, int position) {
		int remaining = text.length() - position;
		char designator = (remaining > 0) ? text.charAt(position) : ' ';
		if (remaining == 1 && designator == 'Z') {
			return 0;
		}
		if (remaining != 6 || (designator != '+' && designator != '-') || text.charAt(position + 3) != ':') {
			return Integer.MIN_VALUE;
		}
		int hours = digits(text, position + 1, 2);
		int minutes = digits(text, position + 4, 2);
		if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3600 + minutes * 60;
		return (designator == '-') ? -seconds : seconds;
	}

	/** The value of {@code count} ASCII digits, or -1. */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
