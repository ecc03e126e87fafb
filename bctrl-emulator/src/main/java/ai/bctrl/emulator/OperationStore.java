package ai.bctrl.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ai.bctrl.emulator.EmulatedOperation.Transition;

/**
 * The in-memory operations and their lifecycle: queued → dispatching → running → outcome,
 * and the cancel rules of the API. Timed moves run on the emulator's own event loops and
 * are conditional on the state they start from, so they never race a cancel.
 */
final class OperationStore {

	private static final Map<String, String> RUNTIME_NAMES = Map.of("browser", "chromium", "desktop", "ubuntu-desktop",
			"spreadsheet", "sheets");

	private final Map<String, EmulatedOperation> operations = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final String workspaceId = UUID.randomUUID().toString();

	private final Timings timings;

	private final ScheduledExecutorService clock;

	OperationStore(Timings timings, ScheduledExecutorService clock) {
		this.timings = timings;
		this.clock = clock;
	}

	List<String> seed(Seed seed) {
		List<String> ids = new ArrayList<>(seed.count());
		for (int i = 0; i < seed.count(); i++) {
			EmulatedOperation operation = new EmulatedOperation(this.sequence.incrementAndGet(),
					initial(UUID.randomUUID().toString(), seed, now()));
			this.operations.put(operation.id(), operation);
			ids.add(operation.id());
			OperationState state = seed.state();
			// A seeded cancelling operation finishes like a cancelled running one,
			// auto-progress or not.
			boolean moves = state == OperationState.CANCELLING || (!state.isTerminal() && this.timings.autoProgress());
			if (moves && !seed.isFrozen()) {
				scheduleMove(operation, state);
			}
		}
		return ids;
	}

	/**
	 * A frozen queued operation under the given id that the store does not keep: what an
	 * emulator answering unknown ids serves, so that millions of ids cost no memory.
	 */
	EmulatedOperation unkept(String id) {
		return new EmulatedOperation(0, initial(id, Seed.of(OperationState.QUEUED).frozen(true), now()));
	}

	private OperationSnapshot initial(String id, Seed seed, Instant now) {
		OperationSnapshot snapshot = new OperationSnapshot(id, this.workspaceId, UUID.randomUUID().toString(),
				RUNTIME_NAMES.get(seed.runtimeKind()), seed.runtimeKind(), OperationState.QUEUED, seed.outcome(),
				seed.isFrozen(), now, null, null, null, null);
		for (OperationState step : pathTo(seed.state())) {
			snapshot = snapshot.moveTo(step, now);
		}
		return snapshot;
	}

	/** The states an operation passes through from {@code queued} to reach the target. */
	private static List<OperationState> pathTo(OperationState target) {
		return switch (target) {
			case QUEUED -> List.of();
			case DISPATCHING -> List.of(OperationState.DISPATCHING);
			case RUNNING -> List.of(OperationState.DISPATCHING, OperationState.RUNNING);
			case CANCELLING -> List.of(OperationState.DISPATCHING, OperationState.RUNNING, OperationState.CANCELLING);
			case CANCELLED -> List.of(OperationState.DISPATCHING, OperationState.RUNNING, OperationState.CANCELLING,
					OperationState.CANCELLED);
			default -> List.of(OperationState.DISPATCHING, OperationState.RUNNING, target);
		};
	}

	EmulatedOperation find(String id) {
		return this.operations.get(id);
	}

	List<OperationSnapshot> snapshots() {
		return this.operations.values()
			.stream()
			.sorted(Comparator.comparingLong(EmulatedOperation::sequence))
			.map(EmulatedOperation::snapshot)
			.toList();
	}

	/**
	 * Request cancellation: queued and dispatching operations are cancelled at once,
	 * running ones move to cancelling and are cancelled after the cancelling delay, all
	 * others are left as they are.
	 */
	OperationSnapshot cancel(EmulatedOperation operation) {
		Instant now = now();
		Transition transition = operation.update((snapshot) -> switch (snapshot.state()) {
			case QUEUED, DISPATCHING -> snapshot.moveTo(OperationState.CANCELLED, now);
			case RUNNING -> snapshot.moveTo(OperationState.CANCELLING, now);
			default -> snapshot;
		});
		if (transition.moved(OperationState.RUNNING, OperationState.CANCELLING)) {
			scheduleMove(operation, OperationState.CANCELLING);
		}
		return transition.after();
	}

	OperationSnapshot finish(EmulatedOperation operation, OperationState terminal) {
		Instant now = now();
		return operation.update((snapshot) -> snapshot.state().isTerminal() ? snapshot : snapshot.moveTo(terminal, now))
			.after();
	}

	void clear() {
		this.operations.values().removeIf((operation) -> {
			operation.delete();
			return true;
		});
	}

	private void scheduleMove(EmulatedOperation operation, OperationState from) {
		Duration delay = this.timings.timeIn(from);
		try {
			this.clock.schedule(() -> move(operation, from), delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The emulator is stopping: nothing moves any more.
		}
	}

	private void move(EmulatedOperation operation, OperationState from) {
		Instant now = now();
		Transition transition = operation.update((snapshot) -> (snapshot.state() == from)
				? snapshot.moveTo(next(from, snapshot.outcome()), now) : snapshot);
		OperationState reached = transition.after().state();
		if (transition.before().state() == from && !reached.isTerminal()) {
			scheduleMove(operation, reached);
		}
	}

	private static OperationState next(OperationState from, OperationState outcome) {
		return switch (from) {
			case QUEUED -> OperationState.DISPATCHING;
			case DISPATCHING -> OperationState.RUNNING;
			case RUNNING -> outcome;
			case CANCELLING -> OperationState.CANCELLED;
			default -> throw new IllegalArgumentException(from + " is terminal");
		};
	}

	/** Millisecond precision, like the JavaScript timestamps of the real service. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
