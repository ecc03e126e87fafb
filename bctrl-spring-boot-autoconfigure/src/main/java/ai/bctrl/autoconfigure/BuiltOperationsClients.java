package ai.bctrl.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import ai.bctrl.operations.OperationsClient;

/**
 * Every client the {@link OperationsClientAssembler} built, by name, for whoever needs
 * all of them (the meter binder of the clients' own figures). A bean of its own with no
 * dependencies, so that a meter binder can use it while the meter registry is being
 * created.
 */
final class BuiltOperationsClients {

	private final List<Map.Entry<String, OperationsClient>> built = new ArrayList<>();

	private final List<BiConsumer<String, OperationsClient>> listeners = new ArrayList<>();

	void add(String name, OperationsClient client) {
		List<BiConsumer<String, OperationsClient>> listeners;
		synchronized (this.built) {
			this.built.add(Map.entry(name, client));
			listeners = List.copyOf(this.listeners);
		}
		listeners.forEach((listener) -> listener.accept(name, client));
	}

	/**
	 * Hand every client built so far, and each one built later, to a listener.
	 * @param listener gets the client's name and the client
	 */
	void each(BiConsumer<String, OperationsClient> listener) {
		List<Map.Entry<String, OperationsClient>> sofar;
		synchronized (this.built) {
			sofar = List.copyOf(this.built);
			this.listeners.add(listener);
		}
		sofar.forEach((entry) -> listener.accept(entry.getKey(), entry.getValue()));
	}

}
