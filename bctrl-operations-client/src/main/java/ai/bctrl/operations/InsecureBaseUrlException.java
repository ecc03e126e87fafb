package ai.bctrl.operations;

import java.net.URI;

/**
 * Thrown when the base URL is plain {@code http://} to a host that is not loopback and
 * insecure http has not been allowed with
 * {@link OperationsClientSettings.Builder#allowInsecureHttp(boolean)}: the API key would
 * travel in clear text. A case of its own, so that a framework can say how to allow it.
 */
public final class InsecureBaseUrlException extends InvalidSettingException {

	InsecureBaseUrlException(URI baseUrl) {
		super("baseUrl", baseUrl.toString(), "an https URL, or http to a loopback host",
				"baseUrl '" + baseUrl
						+ "' uses plain http to a host that is not loopback, which would send the API key "
						+ "in clear text; use https, or allow it explicitly with allowInsecureHttp "
						+ "(bctrl.api.allow-insecure-http=true)");
	}

}
