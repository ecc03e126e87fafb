package ai.bctrl.emulator;

import java.util.List;
import java.util.Objects;

/**
 * What to seed: operations in a given state, how many, and how they behave afterwards.
 * Immutable; every {@code with}-style method returns a copy.
 *
 * <pre class="code">
 * emulator.seed(Seed.of(OperationState.RUNNING).count(3).frozen(true));
 * emulator.seed(Seed.of(OperationState.QUEUED).outcome(OperationState.FAILED).runtimeKind("desktop"));
 * </pre>
 */
public final class Seed {

	/** Runtime kinds of the API's {@code RuntimeKind} enum. */
	static final List<String> RUNTIME_KINDS = List.of("browser", "desktop", "spreadsheet");

	private final OperationState state;

	private final int count;

	private final boolean frozen;

	private final OperationState outcome;

	private final String runtimeKind;

	private Seed(OperationState state, int count, boolean frozen, OperationState outcome, String runtimeKind) {
		this.state = state;
		this.count = count;
		this.frozen = frozen;
		this.outcome = outcome;
		this.runtimeKind = runtimeKind;
	}

	/**
	 * One browser operation in the given state that progresses as the emulator is
	 * configured and, when it finishes on its own, succeeds.
	 * @param state the initial state
	 * @return the seed
	 */
	public static Seed of(OperationState state) {
		return new Seed(Objects.requireNonNull(state, "state must not be null"), 1, false, OperationState.SUCCEEDED,
				"browser");
	}

	/**
	 * Number of operations to create.
	 * @param count at least 1
	 * @return a copy with the count
	 */
	public Seed count(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1 but was " + count);
		}
		return new Seed(this.state, count, this.frozen, this.outcome, this.runtimeKind);
	}

	/**
	 * Whether the operations stay in their state until cancelled (or
	 * {@linkplain BctrlEmulator#finish finished} through the Java API) even when the
	 * emulator {@linkplain BctrlEmulator.Builder#autoProgress(boolean) moves operations
	 * on by itself} (default {@code false}). A cancelled frozen running operation still
	 * moves from {@code cancelling} to {@code cancelled} after the cancelling delay; a
	 * seeded frozen {@code cancelling} operation stays there.
	 * @param frozen whether to freeze the operations
	 * @return a copy with the setting
	 */
	public Seed frozen(boolean frozen) {
		return new Seed(this.state, this.count, frozen, this.outcome, this.runtimeKind);
	}

	/**
	 * Terminal state the operations reach when they finish on their own (default
	 * {@code SUCCEEDED}).
	 * @param outcome {@code SUCCEEDED}, {@code FAILED} or {@code TIMED_OUT}
	 * @return a copy with the outcome
	 */
	public Seed outcome(OperationState outcome) {
		if (outcome != OperationState.SUCCEEDED && outcome != OperationState.FAILED
				&& outcome != OperationState.TIMED_OUT) {
			throw new IllegalArgumentException("outcome must be SUCCEEDED, FAILED or TIMED_OUT but was " + outcome);
		}
		return new Seed(this.state, this.count, this.frozen, outcome, this.runtimeKind);
	}

	/**
	 * Runtime kind of the operations (default {@code browser}); it decides the runtime
	 * name and the calls in progress reports and results.
	 * @param runtimeKind {@code browser}, {@code desktop} or {@code spreadsheet}
	 * @return a copy with the runtime kind
	 */
	public Seed runtimeKind(String runtimeKind) {
		if (!RUNTIME_KINDS.contains(runtimeKind)) {
			throw new IllegalArgumentException(
					"runtimeKind must be one of " + RUNTIME_KINDS + " but was '" + runtimeKind + "'");
		}
		return new Seed(this.state, this.count, this.frozen, this.outcome, runtimeKind);
	}

	/**
	 * Initial state.
	 * @return the state
	 */
	public OperationState state() {
		return this.state;
	}

	/**
	 * Number of operations to create.
	 * @return the count
	 */
	public int count() {
		return this.count;
	}

	/**
	 * Whether the operations are frozen.
	 * @return whether they stay in their state until cancelled
	 */
	public boolean isFrozen() {
		return this.frozen;
	}

	/**
	 * Terminal state reached when the operations finish on their own.
	 * @return the outcome
	 */
	public OperationState outcome() {
		return this.outcome;
	}

	/**
	 * Runtime kind of the operations.
	 * @return the runtime kind
	 */
	public String runtimeKind() {
		return this.runtimeKind;
	}

	@Override
	public String toString() {
		return "Seed[state=" + this.state + ", count=" + this.count + ", frozen=" + this.frozen + ", outcome="
				+ this.outcome + ", runtimeKind=" + this.runtimeKind + "]";
	}

}
