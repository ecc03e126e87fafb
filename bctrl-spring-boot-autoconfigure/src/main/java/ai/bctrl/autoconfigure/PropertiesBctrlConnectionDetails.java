package ai.bctrl.autoconfigure;

import java.net.URI;

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
	@SuppressWarnings("NullAway") // A missing key is reported with its property.
	public String apiKey() {
		return this.properties.getKey();
	}

	/**
	 * The properties the details come from: a bad value is reported as configured.
	 */
	OperationsClientProperties properties() {
		return this.properties;
	}

}
