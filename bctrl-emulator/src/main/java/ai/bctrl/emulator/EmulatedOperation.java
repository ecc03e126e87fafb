package ai.bctrl.emulator;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One operation: its current snapshot, changed only by atomic compare-and-set, and a
 * signal that completes once it reaches a terminal state.
 */
final class EmulatedOperation {

	private final long sequence;

	private final AtomicReference<OperationSnapshot> snapshot;

	private final Sinks.Empty<Void> finished = Sinks.empty();

	private volatile boolean deleted;

	EmulatedOperation(long sequence, OperationSnapshot initial) {
		this.sequence = sequence;
		this.snapshot = new AtomicReference<>(initial);
		if (initial.state().isTerminal()) {
			this.finished.tryEmitEmpty();
		}
	}

	/** Creation order, finer than the millisecond timestamps. */
	long sequence() {
		return this.sequence;
	}

	String id() {
		return this.snapshot.get().id();
	}

	OperationSnapshot snapshot() {
		return this.snapshot.get();
	}

	/**
	 * Mark the operation deleted (by a reset): held waits return at once.
	 */
	void delete() {
		this.deleted = true;
		this.finished.tryEmitEmpty();
	}

	boolean isDeleted() {
		return this.deleted;
	}

	/**
	 * Completes when the operation is terminal or deleted, at once if it already is.
	 * Cancelling a subscription detaches it, so abandoned waits leave nothing behind.
	 */
	Mono<Void> whenFinished() {
		return this.finished.asMono();
	}

	/**
	 * Apply a change atomically; the change may be applied more than once under
	 * contention and returns its argument to leave the operation unchanged.
	 */
	Transition update(UnaryOperator<OperationSnapshot> change) {
		while (true) {
			OperationSnapshot before = this.snapshot.get();
			OperationSnapshot after = change.apply(before);
			if (after == before) {
				return new Transition(before, before);
			}
			if (this.snapshot.compareAndSet(before, after)) {
				if (after.state().isTerminal()) {
					this.finished.tryEmitEmpty();
				}
				return new Transition(before, after);
			}
		}
	}

	/**
	 * The result of {@link #update}.
	 *
	 * @param before the snapshot the change was applied to
	 * @param after the snapshot now held
	 */
	record Transition(OperationSnapshot before, OperationSnapshot after) {

		boolean moved(OperationState from, OperationState to) {
			return this.before.state() == from && this.after.state() == to;
		}

	}

}
