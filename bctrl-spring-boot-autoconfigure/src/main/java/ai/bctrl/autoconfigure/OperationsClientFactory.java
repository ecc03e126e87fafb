package ai.bctrl.autoconfigure;

import java.util.function.Consumer;

import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * The clients of further bctrl accounts ({@code bctrl.api.accounts.<name>.*}) and of
 * clients made at run time, for example one per customer tenant. Each client has its own
 * circuit breaker and retry (Resilience4j instances {@code bctrl-operations-<name>}), its
 * own line in the {@code bctrl} health contributor and its name as the
 * {@code bctrl.client} observation key. Names are tag values: keep them few.
 */
public interface OperationsClientFactory {

	/**
	 * The client of a configured account.
	 * @param account the account's name, as in {@code bctrl.api.accounts.<name>}
	 * @return the account's client, the same on every call
	 * @throws IllegalArgumentException if no such account is configured (the message
	 * lists the configured ones)
	 */
	OperationsClient client(String account);

	/**
	 * Build another client from the configured settings of the default client, changed by
	 * {@code settings} (for example a tenant's key). Keep the client and reuse it: each
	 * one has its own connections' configuration, breaker and retry.
	 * @param name the client's name: letters, digits, {@code .}, {@code _} or {@code -};
	 * not {@code default}, a configured account or a name already created
	 * @param settings changes the default client's settings for this client
	 * @return the new client
	 * @throws IllegalArgumentException if the name is taken or not valid, or a setting is
	 * not valid
	 */
	OperationsClient create(String name, Consumer<OperationsClientSettings.Builder> settings);

}
