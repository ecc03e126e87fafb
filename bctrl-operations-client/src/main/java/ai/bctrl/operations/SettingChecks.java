package ai.bctrl.operations;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The one place where the values of {@link OperationsClientSettings} are checked: each
 * check throws an {@link InvalidSettingException} naming the setting's path, the value
 * and the accepted range.
 */
final class SettingChecks {

	static final String POSITIVE_DURATION = "a positive duration, such as 500ms or 5s";

	static final String AT_LEAST_ONE = "an integer of at least 1";

	static final String BASE_URL = "an absolute http or https URL without query or fragment and without user info, "
			+ "such as https://api.bctrl.ai";

	/** Netty takes the connect timeout as an int of milliseconds. */
	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	private SettingChecks() {
	}

	static Duration positive(String path, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(path, value, POSITIVE_DURATION);
		}
		return value;
	}

	static Duration connectTimeout(@Nullable Duration value) {
		if (value == null || value.toMillis() < 1 || value.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
			throw new InvalidSettingException("connectTimeout", value, "a duration between 1ms and 24d, such as 2s");
		}
		return value;
	}

	static Duration atLeastOneMilli(String path, @Nullable Duration value) {
		// Resilience4j counts such durations in whole milliseconds.
		if (value == null || value.toMillis() < 1) {
			throw new InvalidSettingException(path, value, "a duration of at least 1ms, such as 10s");
		}
		return value;
	}

	static int atLeastOne(String path, int value) {
		if (value < 1) {
			throw new InvalidSettingException(path, value, AT_LEAST_ONE);
		}
		return value;
	}

	static int between(String path, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidSettingException(path, value, "an integer between " + min + " and " + max);
		}
		return value;
	}

	static long maxResponseSize(long value) {
		if (value < 1 || value > Integer.MAX_VALUE) {
			throw new InvalidSettingException("maxResponseSize", value,
					"a size between 1B and 2047MB (1 to " + Integer.MAX_VALUE + " bytes), such as 4MB");
		}
		return value;
	}

	static double multiplier(double value) {
		if (!(value >= 1.0) || Double.isInfinite(value)) {
			throw new InvalidSettingException("retry.multiplier", value, "a number of at least 1.0, such as 2.0");
		}
		return value;
	}

	static float percentage(String path, float value) {
		if (!(value >= 1f && value <= 100f)) {
			throw new InvalidSettingException(path, value, "a percentage between 1 and 100");
		}
		return value;
	}

	static String apiKey(@Nullable String value) {
		if (value == null || value.isBlank()) {
			// The value is never carried: it is (part of) the key.
			throw new InvalidSettingException("apiKey", null, "set",
					"apiKey must be set: use the API key from the bctrl dashboard (the BCTRL_API_KEY environment variable)");
		}
		return value;
	}

	static String clientName(@Nullable String value) {
		// The name becomes a tag value and part of the Resilience4j instance names.
		if (value == null || !value.matches("[A-Za-z0-9._-]+")) {
			throw new InvalidSettingException("name", value, "a name of letters, digits, '.', '_' or '-', such as eu");
		}
		return value;
	}

	static URI baseUrl(@Nullable String value) {
		if (value == null) {
			throw new InvalidSettingException("baseUrl", null, BASE_URL);
		}
		try {
			return URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("baseUrl", withoutUserInfo(value), BASE_URL);
		}
	}

	static URI baseUrl(@Nullable URI value, boolean allowInsecureHttp) {
		if (value == null) {
			throw new InvalidSettingException("baseUrl", null, BASE_URL);
		}
		String scheme = (value.getScheme() != null) ? value.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"https".equals(scheme) && !"http".equals(scheme) || value.getHost() == null
				|| value.getRawUserInfo() != null || value.getRawQuery() != null || value.getRawFragment() != null) {
			throw new InvalidSettingException("baseUrl", withoutUserInfo(value.toString()), BASE_URL);
		}
		if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(value.getHost())) {
			throw new InsecureBaseUrlException(value);
		}
		return value;
	}

	/**
	 * A refused base URL as it may be shown: user info is a password more often than not.
	 */
	static String withoutUserInfo(String url) {
		return url.replaceFirst("^([^/?#]*//)[^/?#]*@", "$1******@");
	}

	/**
	 * Whether the host is a loopback name or address, decided without a DNS lookup.
	 * @param host the URL host
	 * @return whether the host is loopback
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return true;
		}
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (!name.matches("[0-9.]+|[0-9a-f.]*:[0-9a-f:.]*")) {
			return false;
		}
		try {
			// Literal addresses only: getByName does not resolve them through DNS.
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
