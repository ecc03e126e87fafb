package ai.bctrl.operations;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Validation of {@link OperationsClientSettings}: every bad value is refused with a
 * message naming the setting, the value and what is accepted; the key never shows.
 */
class OperationsClientSettingsTests {

	private static final String KEY = "sk_live_Settings9Key0Secret";

	@Test
	void defaultsMatchTheDesign() {
		OperationsClientSettings settings = valid().build();
		assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.bctrl.ai"));
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.maxResponseSize()).isEqualTo(4L * 1024 * 1024);
		assertThat(settings.allowInsecureHttp()).isFalse();
		assertThat(settings.retry()).isEqualTo(RetrySettings.DEFAULTS);
		assertThat(settings.circuitBreaker()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
		assertThat(settings.bulkConcurrency()).isEqualTo(16);
	}

	@Test
	void toStringNeverContainsTheKey() {
		OperationsClientSettings settings = valid().build();
		assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=******", "https://api.bctrl.ai");
		assertThat(settings.toBuilder().build().toString()).doesNotContain(KEY);
	}

	@Test
	void toBuilderKeepsEveryValue() {
		OperationsClientSettings settings = valid().deadline(Duration.ofSeconds(9)).bulkConcurrency(3).build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void blankKeyIsRefused(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().apiKey(key).build())
			.withMessageContaining("apiKey")
			.withMessageContaining("BCTRL_API_KEY");
	}

	@Test
	void missingKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> OperationsClientSettings.builder().build())
			.withMessageContaining("apiKey");
	}

	@Test
	void negativeConnectTimeoutIsRefused() {
		assertRefused((builder) -> builder.connectTimeout(Duration.ofSeconds(-1)), "connectTimeout",
				"positive duration", "PT-1S");
	}

	@Test
	void zeroAttemptTimeoutIsRefused() {
		assertRefused((builder) -> builder.attemptTimeout(Duration.ZERO), "attemptTimeout", "positive duration",
				"PT0S");
	}

	@Test
	void negativeDeadlineIsRefused() {
		assertRefused((builder) -> builder.deadline(Duration.ofMillis(-5)), "deadline", "positive duration",
				"PT-0.005S");
	}

	@Test
	void missingDeadlineIsRefused() {
		assertRefused((builder) -> builder.deadline(null), "deadline", "positive duration", "null");
	}

	@Test
	void maxResponseSizeOutsideItsRangeIsRefused() {
		assertRefused((builder) -> builder.maxResponseSize(0), "maxResponseSize", "between 1 byte and 2 GB", "0");
		assertRefused((builder) -> builder.maxResponseSize(3L * Integer.MAX_VALUE), "maxResponseSize",
				"between 1 byte and 2 GB");
	}

	@Test
	void bulkConcurrencyBelowOneIsRefused() {
		assertRefused((builder) -> builder.bulkConcurrency(0), "bulkConcurrency", "at least 1", "0");
	}

	@Test
	void maxAttemptsBelowOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(true, 0, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5),
					Duration.ofSeconds(60)))
			.withMessageContaining("retry.maxAttempts")
			.withMessageContaining("at least 1")
			.withMessageContaining("0");
	}

	@Test
	void negativeBackoffIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(true, 3, Duration.ofMillis(-200), 2.0, Duration.ofSeconds(5),
					Duration.ofSeconds(60)))
			.withMessageContaining("retry.initialBackoff")
			.withMessageContaining("positive duration");
	}

	@Test
	void negativeMaxRetryAfterIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(true, 3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5),
					Duration.ofSeconds(-60)))
			.withMessageContaining("retry.maxRetryAfter");
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.5, 0, -1, Double.NaN, Double.POSITIVE_INFINITY })
	void multiplierBelowOneOrNotFiniteIsRefused(double multiplier) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetrySettings(true, 3, Duration.ofMillis(200), multiplier, Duration.ofSeconds(5),
					Duration.ofSeconds(60)))
			.withMessageContaining("retry.multiplier")
			.withMessageContaining("at least 1.0");
	}

	@ParameterizedTest
	@ValueSource(floats = { 0f, 0.5f, -10f, 100.5f, 101f, Float.NaN })
	void failureRateThresholdOutsideOneToHundredIsRefused(float threshold) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CircuitBreakerSettings(true, threshold, 50, 20, Duration.ofSeconds(10), 5))
			.withMessageContaining("circuitBreaker.failureRateThreshold")
			.withMessageContaining("between 1 and 100")
			.withMessageContaining(String.valueOf(threshold));
	}

	@ParameterizedTest
	@ValueSource(floats = { 1f, 50f, 100f })
	void failureRateThresholdFromOneToHundredIsAccepted(float threshold) {
		assertThatNoException()
			.isThrownBy(() -> new CircuitBreakerSettings(true, threshold, 50, 20, Duration.ofSeconds(10), 5));
	}

	@Test
	void negativeOpenStateWaitIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CircuitBreakerSettings(true, 50f, 50, 20, Duration.ofSeconds(-10), 5))
			.withMessageContaining("circuitBreaker.waitDurationInOpenState");
	}

	@Test
	void slidingWindowBelowOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CircuitBreakerSettings(true, 50f, 0, 20, Duration.ofSeconds(10), 5))
			.withMessageContaining("circuitBreaker.slidingWindowSize");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "https://", "http://exa mple.com", "://api.bctrl.ai" })
	void malformedBaseUrlIsRefusedNamingTheSetting(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl(url).build())
			.withMessageContaining("baseUrl")
			.withMessageContaining(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.bctrl.ai", "ftp://api.bctrl.ai", "file:///etc/passwd", "mailto:ops@bctrl.ai",
			"https:/api.bctrl.ai", "/v1" })
	void baseUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl(url).build())
			.withMessageContaining("baseUrl must be an absolute http(s) URL")
			.withMessageContaining(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.bctrl.ai/?debug=true", "https://api.bctrl.ai/#top" })
	void baseUrlWithQueryOrFragmentIsRefused(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl(url).build())
			.withMessageContaining("query or fragment");
	}

	@Test
	void nullBaseUrlIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl((URI) null).build())
			.withMessageContaining("baseUrl");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.bctrl.ai", "http://10.0.0.5:8787", "http://192.168.1.20",
			"http://localhost.example.com", "http://127.0.0.1.nip.io", "http://[2001:db8::1]", "http://0.0.0.0" })
	void plainHttpToAHostThatIsNotLoopbackIsRefused(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl(url).build())
			.withMessageContaining(url)
			.withMessageContaining("clear text")
			.withMessageContaining("allow-insecure-http");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cafe", "dead.beef", "face.b00c" })
	void hostNamesMadeOfHexLettersAreNotTakenForAddresses(String host) {
		// Such names are host names, not IPv6 literals: deciding must not need a DNS
		// lookup.
		assertThat(OperationsClientSettings.isLoopback(host)).isFalse();
	}

	@Test
	void plainHttpToAHostThatIsNotLoopbackIsAllowedExplicitly() {
		OperationsClientSettings settings = valid().baseUrl("http://api.bctrl.ai").allowInsecureHttp(true).build();
		assertThat(settings.baseUrl()).isEqualTo(URI.create("http://api.bctrl.ai"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8787", "http://LOCALHOST", "http://emulator.localhost:8787",
			"http://127.0.0.1:8787", "http://127.0.0.2", "http://[::1]:8787", "http://[0:0:0:0:0:0:0:1]",
			"HTTP://127.0.0.1/bctrl" })
	void plainHttpToLoopbackIsAllowed(String url) {
		assertThat(valid().baseUrl(url).build().baseUrl()).isEqualTo(URI.create(url));
	}

	@Test
	void validationMessagesNeverContainTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> valid().baseUrl("http://api.bctrl.ai").deadline(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(KEY));
	}

	private static OperationsClientSettings.Builder valid() {
		return OperationsClientSettings.builder().apiKey(KEY);
	}

	private static void assertRefused(UnaryOperator<OperationsClientSettings.Builder> change, String... fragments) {
		assertThatIllegalArgumentException().isThrownBy(() -> change.apply(valid()).build())
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(fragments).doesNotContain(KEY));
	}

}
