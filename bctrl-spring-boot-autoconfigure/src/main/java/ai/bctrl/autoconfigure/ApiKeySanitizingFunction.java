package ai.bctrl.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks bctrl API keys in actuator's {@code /env} and {@code /configprops}: the
 * properties {@code bctrl.api.key} and {@code bctrl.api.accounts.<name>.key} in any of
 * their relaxed forms ({@code BCTRL_API_KEY} included), and any value equal to the
 * configured key whatever its name.
 */
final class ApiKeySanitizingFunction implements SanitizingFunction {

	private static final Pattern KEY_PROPERTY = Pattern
		.compile("(.*[._])?bctrl[._-]?api[._-](accounts[._-][^.]+[._-])?key");

	private final @Nullable String key;

	ApiKeySanitizingFunction(@Nullable String key) {
		this.key = (key != null && !key.isBlank()) ? key : null;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		boolean keyProperty = KEY_PROPERTY.matcher(data.getLowerCaseKey()).matches();
		boolean keyValue = this.key != null && String.valueOf(data.getValue()).contains(this.key);
		return (keyProperty || keyValue) ? data.withSanitizedValue() : data;
	}

}
