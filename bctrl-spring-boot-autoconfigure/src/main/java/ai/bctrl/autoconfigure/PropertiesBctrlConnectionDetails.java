package ai.bctrl.autoconfigure;

import java.net.URI;
import java.util.Objects;

/**
 * {@link BctrlConnectionDetails} from {@code bctrl.api.base-url} and
 * {@code bctrl.api.key}. The values are checked when the client is built, where a bad one
 * is reported under its property's name; until then they are handed on as they are.
 */
final class PropertiesBctrlConnectionDetails implements BctrlConnectionDetails {

	private final OperationsClientProperties properties;

	PropertiesBctrlConnectionDetails(OperationsClientProperties properties) {
		this.properties = properties;
	}

	@Override
	public URI baseUrl() {
		return URI.create(this.properties.getBaseUrl().trim());
	}

	@Override
	public String apiKey() {
		// Empty when missing: the client's settings refuse it under its property's name.
		return Objects.requireNonNullElse(this.properties.getKey(), "");
	}

}
