package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a setting of {@link OperationsClientSettings} is built with a value the
 * client cannot work with. Carries the setting's {@link #path() path} (for example
 * {@code retry.maxAttempts}), the refused {@link #value() value} and what is
 * {@link #requirement() accepted}, so that a framework can report it under its own
 * property name. The API key is never part of it.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String path;

	private final transient @Nullable Object value;

	private final String requirement;

	InvalidSettingException(String path, @Nullable Object value, String requirement) {
		this(path, value, requirement, path + " must be " + requirement + " but was " + shown(value));
	}

	InvalidSettingException(String path, @Nullable Object value, String requirement, String message) {
		super(message);
		this.path = path;
		this.value = value;
		this.requirement = requirement;
	}

	/**
	 * Path of the setting in {@link OperationsClientSettings}, its accessors joined by
	 * dots, for example {@code retry.maxAttempts} or {@code baseUrl}.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * The refused value; {@code null} when it was missing or is the API key.
	 * @return the value
	 */
	public @Nullable Object value() {
		return this.value;
	}

	/**
	 * What is accepted, completing "must be ...", for example "an integer between 1 and
	 * 10".
	 * @return the accepted range or form
	 */
	public String requirement() {
		return this.requirement;
	}

	private static String shown(@Nullable Object value) {
		return (value instanceof String) ? "'" + value + "'" : String.valueOf(value);
	}

}
