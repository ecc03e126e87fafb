package ai.bctrl.operations;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.bctrl.operations.OperationsClientSettings.BulkSettings;
import ai.bctrl.operations.OperationsClientSettings.CircuitBreakerSettings;
import ai.bctrl.operations.OperationsClientSettings.RetryBudgetSettings;
import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
		assertThat(settings.retry()).isEqualTo(RetrySettings.builder().build());
		assertThat(settings.circuitBreaker()).isEqualTo(CircuitBreakerSettings.builder().build());
		assertThat(settings.retry().maxAttempts()).isEqualTo(3);
		assertThat(settings.retry().budget().enabled()).isTrue();
		assertThat(settings.retry().budget().capacity()).isEqualTo(500);
		assertThat(settings.retry().budget().retryCost()).isEqualTo(5);
		assertThat(settings.retry().budget().timeoutRetryCost()).isEqualTo(10);
		assertThat(settings.circuitBreaker().slidingWindowSize()).isEqualTo(50);
		assertThat(settings.bulk().concurrency()).isEqualTo(16);
		assertThat(settings.bulk().adaptive()).isTrue();
		assertThat(settings.bulk().maxPause()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void toStringNeverContainsTheKey() {
		OperationsClientSettings settings = valid().build();
		assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=******", "https://api.bctrl.ai");
		assertThat(settings.toBuilder().build().toString()).doesNotContain(KEY);
	}

	@Test
	void toBuilderKeepsEveryValue() {
		OperationsClientSettings settings = valid().deadline(Duration.ofSeconds(9))
			.retry(RetrySettings.builder()
				.maxAttempts(7)
				.budget(RetryBudgetSettings.builder().capacity(9).build())
				.build())
			.bulk(BulkSettings.builder().concurrency(3).adaptive(false).build())
			.build();
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
				"a duration between 1ms and 24d", "PT-1S");
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
		assertRefused((builder) -> builder.maxResponseSize(0), "maxResponseSize", "between 1B and 2047MB", "0");
		assertRefused((builder) -> builder.maxResponseSize(3L * Integer.MAX_VALUE), "maxResponseSize",
				"between 1B and 2047MB");
	}

	@Test
	void bulkConcurrencyBelowOneIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> BulkSettings.builder().concurrency(0).build())
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("bulk.concurrency"))
			.withMessageContaining("bulk.concurrency")
			.withMessageContaining("at least 1");
	}

	@Test
	void bulkMaxPauseMustBePositive() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> BulkSettings.builder().maxPause(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("bulk.maxPause"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "capacity", "retryCost", "timeoutRetryCost" })
	void retryBudgetValuesBelowOneAreRefused(String setting) {
		RetryBudgetSettings.Builder builder = RetryBudgetSettings.builder();
		switch (setting) {
			case "capacity" -> builder.capacity(0);
			case "retryCost" -> builder.retryCost(0);
			default -> builder.timeoutRetryCost(0);
		}
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("retry.budget." + setting))
			.satisfies((ex) -> assertThat(ex.value()).isEqualTo(0))
			.satisfies((ex) -> assertThat(ex.requirement()).isEqualTo("an integer of at least 1"));
	}

	@Test
	void invalidSettingCarriesPathValueAndAcceptedRange() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> RetrySettings.builder().maxAttempts(11).build())
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("retry.maxAttempts"))
			.satisfies((ex) -> assertThat(ex.value()).isEqualTo(11))
			.satisfies((ex) -> assertThat(ex.requirement()).isEqualTo("an integer between 1 and 10"))
			.withMessage("retry.maxAttempts must be an integer between 1 and 10 but was 11");
	}

	@Test
	void maxAttemptsBelowOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.builder().maxAttempts(0).build())
			.withMessageContaining("retry.maxAttempts")
			.withMessageContaining("between 1 and 10")
			.withMessageContaining("0");
	}

	@Test
	void negativeBackoffIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetrySettings.builder().initialBackoff(Duration.ofMillis(-200)).build())
			.withMessageContaining("retry.initialBackoff")
			.withMessageContaining("positive duration");
	}

	@Test
	void negativeMaxRetryAfterIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetrySettings.builder().maxRetryAfter(Duration.ofSeconds(-60)).build())
			.withMessageContaining("retry.maxRetryAfter");
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.5, 0, -1, Double.NaN, Double.POSITIVE_INFINITY })
	void multiplierBelowOneOrNotFiniteIsRefused(double multiplier) {
		assertThatIllegalArgumentException().isThrownBy(() -> RetrySettings.builder().multiplier(multiplier).build())
			.withMessageContaining("retry.multiplier")
			.withMessageContaining("at least 1.0");
	}

	@ParameterizedTest
	@ValueSource(floats = { 0f, 0.5f, -10f, 100.5f, 101f, Float.NaN })
	void failureRateThresholdOutsideOneToHundredIsRefused(float threshold) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerSettings.builder().failureRateThreshold(threshold).build())
			.withMessageContaining("circuitBreaker.failureRateThreshold")
			.withMessageContaining("between 1 and 100")
			.withMessageContaining(String.valueOf(threshold));
	}

	@ParameterizedTest
	@ValueSource(floats = { 1f, 50f, 100f })
	void failureRateThresholdFromOneToHundredIsAccepted(float threshold) {
		assertThatNoException()
			.isThrownBy(() -> CircuitBreakerSettings.builder().failureRateThreshold(threshold).build());
	}

	@Test
	void negativeOpenStateWaitIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerSettings.builder().waitDurationInOpenState(Duration.ofSeconds(-10)).build())
			.withMessageContaining("circuitBreaker.waitDurationInOpenState");
	}

	@Test
	void slidingWindowBelowOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CircuitBreakerSettings.builder().slidingWindowSize(0).build())
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
			.withMessageContaining("baseUrl must be an absolute http or https URL")
			.withMessageContaining(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.bctrl.ai/?debug=true", "https://api.bctrl.ai/#top",
			"https://user:secret@api.bctrl.ai" })
	void baseUrlWithQueryFragmentOrUserInfoIsRefused(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().baseUrl(url).build())
			.withMessageContaining("without query or fragment and without user info");
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
		assertThatExceptionOfType(InsecureBaseUrlException.class).isThrownBy(() -> valid().baseUrl(url).build())
			.withMessageContaining(url)
			.withMessageContaining("clear text")
			.withMessageContaining("allow-insecure-http");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cafe", "dead.beef", "face.b00c" })
	void hostNamesMadeOfHexLettersAreNotTakenForAddresses(String host) {
		// Such names are host names, not IPv6 literals: deciding must not need a DNS
		// lookup.
		assertThat(SettingChecks.isLoopback(host)).isFalse();
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
