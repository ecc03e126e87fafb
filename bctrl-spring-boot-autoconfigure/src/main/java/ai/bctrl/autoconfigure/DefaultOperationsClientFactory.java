package ai.bctrl.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import ai.bctrl.operations.OperationsClient;
import ai.bctrl.operations.OperationsClientSettings;

/**
 * The {@link OperationsClientFactory}: builds the clients of the configured accounts when
 * it is created (so a bad account fails the application at startup), and the others when
 * asked.
 */
final class DefaultOperationsClientFactory implements OperationsClientFactory {

	private final OperationsClientAssembler assembler;

	private final Supplier<OperationsClientSettings> defaultSettings;

	private final Map<String, OperationsClient> accounts;

	/** The settings of every client but the default one, by name, accounts first. */
	private final Map<String, OperationsClientSettings> settings = Collections.synchronizedMap(new LinkedHashMap<>());

	/**
	 * Create the factory and the clients of the configured accounts.
	 * @param assembler builds the clients
	 * @param properties the properties, accounts included
	 * @param defaultSettings the settings of the default client, asked for only when a
	 * client is built (an application with a client of its own need not configure them)
	 */
	DefaultOperationsClientFactory(OperationsClientAssembler assembler, OperationsClientProperties properties,
			Supplier<OperationsClientSettings> defaultSettings) {
		this.assembler = assembler;
		this.defaultSettings = defaultSettings;
		Map<String, OperationsClient> accounts = new LinkedHashMap<>();
		properties.getAccounts().forEach((name, account) -> {
			OperationsClientSettings accountSettings = OperationsClientSettingsFactory.createAccount(properties,
					defaultSettings.get(), name, account);
			accounts.put(name, build(name, accountSettings));
		});
		this.accounts = Collections.unmodifiableMap(accounts);
	}

	@Override
	public OperationsClient client(String account) {
		OperationsClient client = this.accounts.get(account);
		if (client == null) {
			throw new IllegalArgumentException("No bctrl account named '" + account + "' is configured; "
					+ (this.accounts.isEmpty() ? "none is (set bctrl.api.accounts.<name>.key)"
							: "the configured accounts are " + String.join(", ", this.accounts.keySet())));
		}
		return client;
	}

	@Override
	public OperationsClient create(String name, Consumer<OperationsClientSettings.Builder> settings) {
		Objects.requireNonNull(settings, "settings must not be null");
		OperationsClientSettings.Builder builder = this.defaultSettings.get().toBuilder();
		settings.accept(builder);
		return build(name, builder.build());
	}

	/**
	 * The settings of every client but the default one, by name: the configured accounts,
	 * then the clients created since.
	 */
	Map<String, OperationsClientSettings> clientSettings() {
		synchronized (this.settings) {
			return new LinkedHashMap<>(this.settings);
		}
	}

	private OperationsClient build(String name, OperationsClientSettings clientSettings) {
		// One breaker and retry per name: a second client of a name would share them.
		if (OperationsClient.Builder.DEFAULT_NAME.equals(name)
				|| this.settings.putIfAbsent(name, clientSettings) != null) {
			throw new IllegalArgumentException("A bctrl client named '" + name
					+ "' exists already: each client needs a name of its own, which names its circuit breaker and retry");
		}
		try {
			return this.assembler.build(name, clientSettings);
		}
		catch (RuntimeException ex) {
			this.settings.remove(name);
			throw ex;
		}
	}

}
