package ai.bctrl.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults installed in an emulator. Start a fault with {@link #next(int)},
 * {@link #share(double)} or {@link #always()}, narrow it down, and install it with one of
 * the {@link Fault.Builder} terminal methods:
 *
 * <pre class="code">
 * emulator.faults().next(3).status(503, Duration.ofSeconds(1));
 * emulator.faults().share(0.5).method("POST").latency(Duration.ofMillis(50));
 * </pre>
 */
public final class Faults {

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	Faults() {
	}

	/**
	 * Start a fault that hits the next {@code count} matching requests.
	 * @param count at least 1
	 * @return a builder
	 */
	public Fault.Builder next(int count) {
		return always().next(count);
	}

	/**
	 * Start a fault that hits each matching request with a probability.
	 * @param probability greater than 0 and at most 1
	 * @return a builder
	 */
	public Fault.Builder share(double probability) {
		return always().share(probability);
	}

	/**
	 * Start a fault that hits every matching request until removed.
	 * @return a builder
	 */
	public Fault.Builder always() {
		return new Fault.Builder(this);
	}

	/**
	 * The active faults, in the order they were installed.
	 * @return a snapshot of the active faults
	 */
	public List<Fault> all() {
		return this.faults.stream().filter(Fault::isActive).toList();
	}

	/**
	 * Remove every fault.
	 */
	public void clear() {
		this.faults.clear();
	}

	/** The first installed fault that fires for the request, or {@code null}. */
	Fault pick(String method, String path) {
		for (Fault fault : this.faults) {
			if (fault.tryFire(method, path)) {
				if (fault.isUsedUp()) {
					this.faults.remove(fault);
				}
				return fault;
			}
		}
		return null;
	}

	Fault find(String id) {
		return this.faults.stream().filter((fault) -> fault.id().equals(id)).findFirst().orElse(null);
	}

	void add(Fault fault) {
		this.faults.add(fault);
	}

	boolean remove(Fault fault) {
		return this.faults.remove(fault);
	}

	boolean contains(Fault fault) {
		return this.faults.contains(fault);
	}

	String nextId() {
		return "fault-" + this.ids.incrementAndGet();
	}

}
