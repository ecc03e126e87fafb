package ai.bctrl.operations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical timestamp shape is parsed without {@code java.time}'s formatters, to the
 * same instant; every other shape is left to them.
 */
class CanonicalTimestampTests {

	// A day inside the four-digit years, so that no offset moves the local date out.
	private static final long MIN_SECOND = Instant.parse("0000-01-02T00:00:00Z").getEpochSecond();

	private static final long MAX_SECOND = Instant.parse("9999-12-30T00:00:00Z").getEpochSecond();

	@Test
	void everyCanonicalTimestampGivesTheInstantJavaTimeGives() {
		Random random = new Random(20261201);
		for (int i = 0; i < 200_000; i++) {
			Instant instant = Instant.ofEpochSecond(
					MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND)),
					random.nextInt(1_000_000_000));
			int fractionDigits = random.nextInt(10);
			ZoneOffset offset = (random.nextInt(3) == 0) ? ZoneOffset.UTC
					: ZoneOffset.ofTotalSeconds((random.nextInt(2 * 17 * 60 + 119) - 17 * 60 - 59) * 60);
			String text = format(instant, fractionDigits, offset);

			Instant parsed = CanonicalTimestamp.parse(text);

			assertThat(parsed).as(text).isNotNull().isEqualTo(OffsetDateTime.parse(text).toInstant());
		}
	}

	@Test
	void leapDayAndTheEndsOfTheRangeAreParsed() {
		for (String text : new String[] { "2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
				"9999-12-31T23:59:59+17:59", "1970-01-01T00:00:00-00:00" }) {
			assertThat(CanonicalTimestamp.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-06-01T10:00Z", "2025-06-01t10:00:00z", "2025-06-01 10:00:00Z", "2025-06-01T10:00:00",
			"2025-06-01T10:00:00.Z", "2025-06-01T10:00:00.1234567891Z", "2025-06-01T10:00:00+18:00",
			"2025-06-01T10:00:00+01:00:30", "2025-06-01T10:00:00+0100", "+12025-06-01T10:00:00Z",
			"2025-02-29T10:00:00Z", "2025-06-31T10:00:00Z", "2025-13-01T10:00:00Z", "2025-06-01T24:00:00Z",
			"2025-06-01T10:60:00Z", "2025-06-01T10:00:60Z", "2025-06-01T10:00:00ZZ", "٢٠٢٥-06-01T10:00:00Z",
			"2025-06-01T10:00:00.5" })
	void anotherShapeIsLeftToJavaTime(String text) {
		assertThat(CanonicalTimestamp.parse(text)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null",
			value = { "2025-06-01T10:00Z|2025-06-01T10:00:00Z", "2025-06-01t10:00:00z|2025-06-01T10:00:00Z",
					"2025-06-01T10:00:00|2025-06-01T10:00:00Z", "2025-06-01T10:00:00+18:00|2025-05-31T16:00:00Z",
					"2025-06-01T10:00:00+01:00:30|2025-06-01T08:59:30Z", "2025-02-29T10:00:00Z|null",
					"2025-06-01T10:00:60Z|null", "2025-06-01T10:00:00.1234567891Z|null" })
	void theDecoderStillReadsWhatJavaTimeReads(String text, String expected) {
		Instant instant = OperationsJson.LenientInstantDeserializer.parse(text);
		assertThat(instant).isEqualTo((expected != null) ? Instant.parse(expected) : null);
	}

	private static String format(Instant instant, int fractionDigits, ZoneOffset offset) {
		OffsetDateTime time = instant.atOffset(offset);
		String fraction = (fractionDigits == 0) ? ""
				: "." + String.format("%09d", time.getNano()).substring(0, fractionDigits);
		String date = time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
		return date + fraction + offset.getId();
	}

}
