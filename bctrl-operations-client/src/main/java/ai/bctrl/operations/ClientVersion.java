package ai.bctrl.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version of this client, sent in the {@code User-Agent} header.
 */
final class ClientVersion {

	private static final String VERSION = load();

	private ClientVersion() {
	}

	static String get() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = ClientVersion.class.getResourceAsStream("version.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
