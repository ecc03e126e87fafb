package ai.bctrl.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import ai.bctrl.operations.OperationsClientSettings.RetrySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link RetryPolicy} on its own: what is retried, what the breaker counts, full-jitter
 * backoff, {@code Retry-After}, and no wait that ends past the deadline.
 */
class RetryPolicyTests {

	private static final URI URL = URI.create("https://api.bctrl.ai/v1/operations/op_1/cancel");

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneOffset.UTC);

	private static final long SECONDS_30 = Duration.ofSeconds(30).toNanos();

	private final ExceptionMapping failures = new ExceptionMapping("bctrl_test_key", new OperationsJson(), CLOCK);

	private final Call call = new Call("cancel", "op_1", HttpMethod.POST, URL, null, Duration.ofSeconds(5),
			Duration.ofSeconds(30), 3, System::nanoTime);

	private final RetryPolicy policy = new RetryPolicy(RetrySettings.builder().build(), () -> 0.5);

	@ParameterizedTest(name = "HTTP {0} retried: {1}")
	@CsvSource({ "400, false", "401, false", "403, false", "404, false", "405, false", "408, true", "409, false",
			"410, false", "422, false", "429, true", "500, true", "501, false", "502, true", "503, true", "504, true",
			"505, false", "507, false" })
	void retriesOnlyTransientStatuses(int status, boolean retried) {
		assertThat(RetryPolicy.isRetryable(apiError(status, null))).isEqualTo(retried);
	}

	static Stream<Arguments> transportFailures() {
		return Stream
			.of(arguments("connection refused", new ConnectException("Connection refused"), true),
					arguments("connect timeout", new ConnectTimeoutException("connection timed out"), true),
					arguments("reset", new SocketException("Connection reset"), true),
					arguments("premature close", PrematureCloseException.TEST_EXCEPTION, true),
					arguments("closed before send",
							new AbortedException("Connection has been closed BEFORE send operation"), true),
					arguments("closed channel", new ClosedChannelException(), true),
					arguments("unknown host", new UnknownHostException("api.bctrl.invalid"), true),
					arguments("TLS certificate", new SSLHandshakeException("PKIX path building failed"), false),
					arguments("TLS host name", new SSLPeerUnverifiedException("hostname mismatch"), false),
					arguments("TLS inside an I/O error", new IOException(new SSLHandshakeException("bad certificate")),
							false),
					arguments("not a transport failure", new IllegalStateException("unexpected"), false));
	}

	@ParameterizedTest(name = "{0} retried: {2}")
	@MethodSource("transportFailures")
	void retriesTransportErrorsButNotTls(String name, Throwable cause, boolean retried) {
		BctrlException failure = this.failures.translate(this.call,
				new WebClientRequestException(cause, HttpMethod.POST, URL, new HttpHeaders()));
		assertThat(failure).isExactlyInstanceOf(BctrlTransportException.class);
		assertThat(RetryPolicy.isRetryable(failure)).isEqualTo(retried);
		assertThat(RetryPolicy.isServiceFailure(failure)).isTrue();
	}

	@Test
	void retriesAttemptTimeout() {
		BctrlException failure = this.failures.translate(this.call, new TimeoutException("no answer"));
		assertThat(failure).isInstanceOf(BctrlTimeoutException.class);
		assertThat(RetryPolicy.isRetryable(failure)).isTrue();
		assertThat(RetryPolicy.isServiceFailure(failure)).isTrue();
	}

	@Test
	void doesNotRetryExceededDeadline() {
		BctrlException failure = this.failures.deadlineExceeded(this.call);
		assertThat(RetryPolicy.isRetryable(failure)).isFalse();
	}

	@Test
	void doesNotRetryUndecodableOrOversizeBodies() {
		BctrlException undecodable = this.failures.undecodable(this.call, 200, new IllegalArgumentException("no id"));
		BctrlException oversize = this.failures.translate(this.call,
				new DataBufferLimitException("Exceeded limit on max bytes to buffer : 4194304"));
		assertThat(oversize).isInstanceOf(BctrlResponseException.class);
		assertThat(RetryPolicy.isRetryable(undecodable)).isFalse();
		assertThat(RetryPolicy.isRetryable(oversize)).isFalse();
		assertThat(RetryPolicy.isServiceFailure(undecodable)).isFalse();
		assertThat(RetryPolicy.isServiceFailure(oversize)).isFalse();
	}

	@Test
	void doesNotRetryOpenCircuit() {
		BctrlException failure = this.failures.circuitOpen(this.call,
				CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("test")));
		assertThat(RetryPolicy.isRetryable(failure)).isFalse();
		assertThat(RetryPolicy.isServiceFailure(failure)).isFalse();
	}

	@ParameterizedTest(name = "HTTP {0} is a service failure: {1}")
	@CsvSource({ "400, false", "401, false", "404, false", "408, false", "409, false", "429, false", "500, true",
			"502, true", "503, true", "504, true" })
	void breakerCountsOnlyServerErrorsOfAllStatuses(int status, boolean serviceFailure) {
		assertThat(RetryPolicy.isServiceFailure(apiError(status, null))).isEqualTo(serviceFailure);
	}

	@Test
	void backoffCeilingGrowsByTheMultiplierUpToTheMaximum() {
		// Half of each ceiling: 200 ms, 400 ms, ... capped at 5 s.
		assertThat(Stream.of(1, 2, 3, 4, 5, 6, 7, 100, 10_000).map(this.policy::backoff)).containsExactly(
				Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
				Duration.ofMillis(1600), Duration.ofMillis(2500), Duration.ofMillis(2500), Duration.ofMillis(2500),
				Duration.ofMillis(2500));
	}

	@Test
	void backoffIsFullJitterFromZeroToTheCeiling() {
		assertThat(new RetryPolicy(RetrySettings.builder().build(), () -> 0.0).backoff(3)).isZero();
		assertThat(new RetryPolicy(RetrySettings.builder().build(), () -> Math.nextDown(1.0)).backoff(3))
			.isLessThan(Duration.ofMillis(800))
			.isGreaterThan(Duration.ofMillis(799));
		RetryPolicy random = new RetryPolicy(RetrySettings.builder().build(),
				() -> ThreadLocalRandom.current().nextDouble());
		long sum = 0;
		for (int i = 0; i < 10_000; i++) {
			Duration wait = random.backoff(2);
			assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(400));
			sum += wait.toMillis();
		}
		// Uniform over [0, 400 ms]: the mean is near 200 ms (not near 300 ms as with
		// "equal jitter", nor 400 ms without jitter).
		assertThat(sum / 10_000).isBetween(185L, 215L);
	}

	@Test
	void delayIsTheBackoffWhenTheServerSaysNothing() {
		assertThat(this.policy.delayMillis(apiError(503, null), 1, SECONDS_30)).isEqualTo(100);
		assertThat(this.policy.delayMillis(apiError(503, null), 2, SECONDS_30)).isEqualTo(200);
	}

	@Test
	void noDelayAfterTheLastAttempt() {
		assertThat(this.policy.delayMillis(apiError(503, null), 3, SECONDS_30)).isEqualTo(-1);
	}

	@Test
	void noDelayForAFailureThatIsNotRetried() {
		assertThat(this.policy.delayMillis(apiError(404, null), 1, SECONDS_30)).isEqualTo(-1);
	}

	@Test
	void noDelayThatWouldNotEndBeforeTheDeadline() {
		long backoff = Duration.ofMillis(100).toNanos();
		assertThat(this.policy.delayMillis(apiError(503, null), 1, backoff)).isEqualTo(-1);
		assertThat(this.policy.delayMillis(apiError(503, null), 1, backoff + 1)).isEqualTo(100);
		assertThat(this.policy.delayMillis(apiError(429, "10"), 1, Duration.ofSeconds(10).toNanos())).isEqualTo(-1);
		assertThat(this.policy.delayMillis(apiError(429, "10"), 1, Duration.ofSeconds(11).toNanos())).isEqualTo(10_000);
	}

	@Test
	void retryAfterIsHonouredOnTooManyRequestsAndServiceUnavailable() {
		assertThat(this.policy.delayMillis(apiError(429, "2"), 1, SECONDS_30)).isEqualTo(2000);
		assertThat(this.policy.delayMillis(apiError(503, "2"), 1, SECONDS_30)).isEqualTo(2000);
		assertThat(this.policy.delayMillis(apiError(429, "Sun, 01 Jun 2025 10:00:07 GMT"), 1, SECONDS_30))
			.isEqualTo(7000);
		assertThat(this.policy.delayMillis(apiError(429, "0"), 1, SECONDS_30)).isZero();
	}

	@Test
	void retryAfterIsIgnoredOnOtherStatuses() {
		assertThat(this.policy.delayMillis(apiError(500, "2"), 1, SECONDS_30)).isEqualTo(100);
		assertThat(this.policy.delayMillis(apiError(502, "2"), 1, SECONDS_30)).isEqualTo(100);
		assertThat(this.policy.delayMillis(apiError(408, "2"), 1, SECONDS_30)).isEqualTo(100);
	}

	@Test
	void retryAfterIsClampedToMaxRetryAfterButReportedAsSent() {
		BctrlApiException failure = apiError(429, "3600");
		assertThat(this.policy.delayMillis(failure, 1, Duration.ofMinutes(2).toNanos())).isEqualTo(60_000);
		// Even clamped, a minute does not fit in the default deadline: fail at once.
		assertThat(this.policy.delayMillis(failure, 1, SECONDS_30)).isEqualTo(-1);
		assertThat(failure.retryAfter()).contains(Duration.ofHours(1));
	}

	@Test
	void malformedRetryAfterFallsBackToTheBackoff() {
		BctrlApiException failure = apiError(429, "soon");
		assertThat(failure.retryAfter()).isEmpty();
		assertThat(this.policy.delayMillis(failure, 1, SECONDS_30)).isEqualTo(100);
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(nullValues = "null",
			value = { "2, PT2S", "' 7 ', PT7S", "0, PT0S", "86400, PT24H", "'Sun, 01 Jun 2025 10:00:07 GMT', PT7S",
					"'Sun, 1 Jun 2025 10:01:00 GMT', PT1M", "'Sun, 01 Jun 2025 09:59:00 GMT', PT0S", "null, null",
					"'', null", "'  ', null", "-1, null", "1.5, null", "soon, null", "99999999999999999999, null",
					// The obsolete HTTP-date formats a recipient must accept too (RFC
					// 9110 5.6.7).
					"'Sunday, 01-Jun-25 10:00:07 GMT', PT7S", "'Sun Jun  1 10:00:07 2025', PT7S",
					"'Wed Jun 11 10:00:07 2025', PT240H7S" })
	void parsesRetryAfter(String value, Duration expected) {
		assertThat(RetryPolicy.parseRetryAfter(value, CLOCK)).isEqualTo(expected);
	}

	private BctrlApiException apiError(int status, String retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		this.call.attempts = 1;
		return this.failures.apiError(this.call, status, headers,
				"{\"error\":\"failed\",\"code\":\"test.error\"}".getBytes(StandardCharsets.UTF_8));
	}

}
