package ai.bctrl.autoconfigure;

import java.net.URI;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details of the connection of the default bctrl
 * {@link ai.bctrl.operations.OperationsClient}: where it connects and with which key.
 *
 * <p>
 * Auto-configuration registers one from {@code bctrl.api.base-url} and
 * {@code bctrl.api.key} unless the application defines a bean of this type: a test
 * annotation (such as {@code @AutoConfigureBctrlEmulator}), a container integration or a
 * platform then tells the client where to connect, and wins over the properties.
 */
public interface BctrlConnectionDetails extends ConnectionDetails {

	/**
	 * Base URL of the bctrl API, for example {@code https://api.bctrl.ai}.
	 * @return the base URL
	 */
	URI baseUrl();

	/**
	 * API key sent as a bearer token.
	 * @return the API key
	 */
	String apiKey();

}
