package ai.bctrl.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The faults installed in an emulator. Start a fault with {@link #next(int)},
 * {@link #share(double)} or {@link #always()}, narrow it down, and install it with one of
 * the {@link Fault.Builder} terminal methods:
 *
 * <pre class="code">
 * emulator.faults().next(3).status(503, Duration.ofSeconds(1));
 * emulator.faults().share(0.5).method("POST").latency(Duration.ofMillis(50));
 * emulator.faults().always().outage(Duration.ofSeconds(5), Duration.ofSeconds(1));
 * emulator.faults().always().rateLimit(100);
 * emulator.faults().latency(Duration.ofMillis(20));
 * </pre>
 *
 * The {@linkplain #latency(Duration) fixed latency} delays every request, faulted or not;
 * of the other faults, the first installed that fires for a request decides its answer.
 */
public final class Faults {

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final LongSupplier nanoTime;

	private volatile Duration latency = Duration.ZERO;

	Faults(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
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
	 * Delay every request outside the control API by a fixed time before it is handled
	 * (or faulted), like a distant service; {@link Duration#ZERO} for none, the default.
	 * Cleared with the faults.
	 * @param latency zero or positive
	 */
	public void latency(Duration latency) {
		if (latency == null || latency.isNegative()) {
			throw new IllegalArgumentException("latency must be zero or positive but was " + latency);
		}
		this.latency = latency;
	}

	/**
	 * The fixed latency of every request.
	 * @return the latency, {@link Duration#ZERO} for none
	 */
	public Duration latency() {
		return this.latency;
	}

	/**
	 * Remove every fault and the fixed latency.
	 */
	public void clear() {
		this.faults.clear();
		this.latency = Duration.ZERO;
	}

	/** The first installed fault that fires for the request, or {@code null}. */
	Fault pick(String method, String path) {
		for (Fault fault : this.faults) {
			if (fault.isUsedUp()) {
				// An outage that has passed.
				this.faults.remove(fault);
			}
			else if (fault.tryFire(method, path)) {
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

	LongSupplier nanoTime() {
		return this.nanoTime;
	}

	String nextId() {
		return "fault-" + this.ids.incrementAndGet();
	}

}
