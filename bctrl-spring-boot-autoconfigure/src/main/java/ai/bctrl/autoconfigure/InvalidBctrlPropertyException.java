package ai.bctrl.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code bctrl.api.*} property has a value the client cannot
 * work with. Names the property, the bad value and the accepted range, and says what to
 * do; {@link InvalidBctrlPropertyFailureAnalyzer} turns it into a failure report. The API
 * key is never part of it.
 */
final class InvalidBctrlPropertyException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	private InvalidBctrlPropertyException(String property, @Nullable String value, String reason, String action) {
		super(describe(property, value, reason, null));
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * The API key is not set.
	 * @return the exception
	 */
	static InvalidBctrlPropertyException missingApiKey() {
		return new InvalidBctrlPropertyException(OperationsClientSettingsFactory.KEY, null,
				"No bctrl API key is configured: neither the BCTRL_API_KEY environment variable nor the '"
						+ OperationsClientSettingsFactory.KEY + "' property has a value",
				"Set the BCTRL_API_KEY environment variable, or the '" + OperationsClientSettingsFactory.KEY
						+ "' property, to an API key from the bctrl dashboard. To run without the bctrl client, set '"
						+ OperationsClientSettingsFactory.ENABLED + "' to false.");
	}

	/**
	 * The API key of a further account is not set.
	 * @param account the account's name
	 * @return the exception
	 */
	static InvalidBctrlPropertyException missingAccountKey(String account) {
		String property = OperationsClientSettingsFactory.accountProperty(account, "key");
		return new InvalidBctrlPropertyException(property, null,
				"No API key is configured for the bctrl account '" + account + "': the '" + property
						+ "' property has no value",
				"Set the '" + property + "' property to the API key of that account from the bctrl dashboard, "
						+ "or remove the account from 'bctrl.api.accounts'.");
	}

	/**
	 * The base URL is plain http to a host that is not loopback, and insecure http is not
	 * allowed.
	 * @param property the base URL's property
	 * @param baseUrl the base URL
	 * @return the exception
	 */
	static InvalidBctrlPropertyException insecureBaseUrl(String property, @Nullable String baseUrl) {
		return new InvalidBctrlPropertyException(property, baseUrl,
				"it is a plain http URL to a host that is not loopback, so the API key would travel in clear text",
				"Use an https URL for '" + property
						+ "'. If the connection is protected in another way (a local proxy, a service mesh), set '"
						+ OperationsClientSettingsFactory.ALLOW_INSECURE_HTTP + "' to true.");
	}

	/**
	 * A value is out of its accepted range.
	 * @param property the property name
	 * @param value the bad value as configured
	 * @param requirement the accepted range, completing "it must be ...", for example "an
	 * integer of at least 1"
	 * @return the exception
	 */
	static InvalidBctrlPropertyException invalidValue(String property, Object value, String requirement) {
		return new InvalidBctrlPropertyException(property, String.valueOf(value), "it must be " + requirement,
				"Set '" + property + "' to " + requirement + ", or remove it to use the default.");
	}

	/**
	 * The property at fault, for example {@code bctrl.api.retry.max-attempts}.
	 * @return the property name
	 */
	String getProperty() {
		return this.property;
	}

	/**
	 * Whether the configured value may be shown (never for the API key).
	 * @return whether the value may be shown
	 */
	boolean isValueShown() {
		return this.value != null;
	}

	/**
	 * What is wrong, naming the property and the value.
	 * @param displayValue the value to show instead of the bound one (the text as
	 * configured), or {@code null}
	 * @param origin where the value comes from, or {@code null}
	 * @return the description
	 */
	String getDescription(@Nullable String displayValue, @Nullable String origin) {
		String shown = (this.value != null && displayValue != null) ? displayValue : this.value;
		return describe(this.property, shown, this.reason, origin);
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	String getAction() {
		return this.action;
	}

	private static String describe(String property, @Nullable String value, String reason, @Nullable String origin) {
		if (value == null) {
			return reason + ".";
		}
		String from = (origin != null) ? " (originating from " + origin + ")" : "";
		return "Invalid value '" + value + "' for property '" + property + "'" + from + ": " + reason + ".";
	}

}
