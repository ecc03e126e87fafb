package ai.bctrl.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Timed;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationSnapshot;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.RecordedRequest;
import ai.bctrl.emulator.Seed;
import ai.bctrl.operations.CancelResult;
import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

/**
 * The demo: seeds operations in several states in the emulator, then cancels them through
 * the {@link OperationsClient} with each of its cancel methods, one of them through an
 * injected {@code 503} that the client's retry absorbs, and {@code cancelAll} through an
 * injected {@code 429 Retry-After: 6} that pauses the whole batch (its progress is
 * logged), and checks that every operation that had not finished ends cancelled. Every
 * wait is bounded by the step timeout.
 */
class Demo {

	/** How long {@code cancelAndAwait} and {@code await} let the server wait. */
	private static final Duration SERVER_WAIT = Duration.ofSeconds(5);

	/** The wait the throttled request of the {@code cancelAll} step asks for. */
	static final Duration CANCEL_ALL_RETRY_AFTER = Duration.ofSeconds(6);

	private final OperationsClient operations;

	private final BctrlEmulator emulator;

	private final Duration stepTimeout;

	Demo(OperationsClient operations, BctrlEmulator emulator, Duration stepTimeout) {
		this.operations = operations;
		this.emulator = emulator;
		this.stepTimeout = stepTimeout;
	}

	/**
	 * Run the demo.
	 * @return what each call did
	 * @throws IllegalStateException if a call failed or an operation did not end as
	 * expected
	 */
	Report run() {
		Map<String, OperationState> seeded = new LinkedHashMap<>();
		String queued = seed(OperationState.QUEUED, seeded);
		String dispatching = seed(OperationState.DISPATCHING, seeded);
		String running1 = seed(OperationState.RUNNING, seeded);
		String running2 = seed(OperationState.RUNNING, seeded);
		String running3 = seed(OperationState.RUNNING, seeded);
		String running4 = seed(OperationState.RUNNING, seeded);
		String succeeded = seed(OperationState.SUCCEEDED, seeded);
		List<Row> rows = new ArrayList<>();
		rows.add(call("cancel", running1, this.operations.cancel(running1)));
		rows.add(call("cancelAndAwait", running2, this.operations.cancelAndAwait(running2, SERVER_WAIT)));
		this.emulator.faults().next(1).method("POST").path("/v1/operations/" + running3 + "/cancel").status(503);
		rows.add(call("cancel, 503 injected", running3, this.operations.cancel(running3)));
		// The batch meets a 429 asking to wait 6 s: it pauses as a whole, and after 5 s
		// its progress log (logger ai.bctrl.operations.BulkCancel) says so.
		this.emulator.faults()
			.next(1)
			.method("POST")
			.path("/v1/operations/" + queued + "/cancel")
			.status(429, CANCEL_ALL_RETRY_AFTER);
		rows.addAll(cancelAll(List.of(queued, dispatching, running4, succeeded)));
		List<Row> finished = rows.stream().map(this::awaitIfNotTerminal).toList();
		check(seeded, finished);
		return new Report(seeded, finished);
	}

	private String seed(OperationState state, Map<String, OperationState> seeded) {
		// Frozen: the operations stay in their state until cancelled, whatever the demo's
		// pace.
		String id = this.emulator.seed(Seed.of(state).frozen(true)).get(0);
		seeded.put(id, state);
		return id;
	}

	private Row call(String name, String id, Mono<Operation> call) {
		OperationState before = state(id);
		int mark = this.emulator.requests().size();
		Timed<Operation> timed = block(call.timed(), "step '" + name + "'");
		return new Row(name, id, before, timed.get().status(), responses(id, mark), null,
				timed.elapsedSinceSubscription());
	}

	private List<Row> cancelAll(List<String> ids) {
		Map<String, OperationState> before = new LinkedHashMap<>();
		ids.forEach((id) -> before.put(id, state(id)));
		int mark = this.emulator.requests().size();
		List<Timed<CancelResult>> results = block(
				this.operations.cancelAll(Flux.fromIterable(ids)).timed().collectList(), "step 'cancelAll'");
		List<Row> rows = new ArrayList<>();
		for (Timed<CancelResult> timed : results) {
			CancelResult result = timed.get();
			if (!result.isSuccess()) {
				throw new IllegalStateException(
						"cancelAll failed for operation " + result.operationId() + ": " + result.error().getMessage(),
						result.error());
			}
			String id = result.operationId();
			rows.add(new Row("cancelAll", id, before.get(id), result.operation().status(), responses(id, mark), null,
					timed.elapsedSinceSubscription()));
		}
		return rows;
	}

	/**
	 * Wait on the server for an operation still cancelling; the row gets its final
	 * status.
	 */
	private Row awaitIfNotTerminal(Row row) {
		if (row.after().isTerminal()) {
			return row.withFinalStatus(row.after());
		}
		Operation operation = block(this.operations.await(row.operationId(), SERVER_WAIT), "step 'await'");
		return row.withFinalStatus(operation.status());
	}

	private void check(Map<String, OperationState> seeded, List<Row> rows) {
		seeded.forEach((id, before) -> {
			OperationState expected = before.isTerminal() ? before : OperationState.CANCELLED;
			OperationState actual = state(id);
			if (actual != expected) {
				throw new IllegalStateException("Operation " + id + " was seeded " + wire(before) + " and is "
						+ wire(actual) + " after the demo, but should be " + wire(expected));
			}
		});
		Row retried = rows.stream().filter((row) -> row.call().contains("503")).findFirst().orElseThrow();
		if (!retried.responses().equals(List.of(503, 200))) {
			throw new IllegalStateException("The cancel with an injected 503 should have been answered 503 then 200 "
					+ "(retried once) but was answered " + retried.responses());
		}
	}

	private OperationState state(String id) {
		return this.emulator.operation(id)
			.map(OperationSnapshot::state)
			.orElseThrow(() -> new IllegalStateException("The emulator has no operation " + id));
	}

	/**
	 * Statuses the emulator answered for an operation since the request log had
	 * {@code mark} entries.
	 */
	private List<Integer> responses(String id, int mark) {
		List<RecordedRequest> requests = this.emulator.requests();
		String path = "/v1/operations/" + id;
		return requests.subList(Math.min(mark, requests.size()), requests.size())
			.stream()
			.filter((request) -> request.path().equals(path) || request.path().startsWith(path + "/"))
			.map(RecordedRequest::status)
			.toList();
	}

	/**
	 * Wait for a step, at most the step timeout: a step never hangs the demo, and its
	 * failure names the step.
	 */
	private <T> T block(Mono<T> step, String description) {
		IllegalStateException timeout = new IllegalStateException(
				description + " did not finish within " + this.stepTimeout + " (demo.step-timeout)");
		T value;
		try {
			value = step.timeout(this.stepTimeout, Mono.error(timeout)).block(this.stepTimeout.plusSeconds(5));
		}
		catch (RuntimeException ex) {
			throw (ex == timeout) ? ex : new IllegalStateException(description + " failed: " + ex.getMessage(), ex);
		}
		if (value == null) {
			throw new IllegalStateException(description + " completed without a result");
		}
		return value;
	}

	private static String wire(OperationState state) {
		return state.wireValue();
	}

	/**
	 * One call of the demo.
	 *
	 * @param call the client method called
	 * @param operationId the operation id
	 * @param before the operation's state in the emulator before the call
	 * @param after the status the call returned
	 * @param responses the statuses the emulator answered for this call's requests
	 * @param finalStatus the status at the end of the demo, after awaiting a
	 * {@code cancelling} operation
	 * @param time the duration of the call
	 */
	record Row(String call, String operationId, OperationState before, OperationStatus after, List<Integer> responses,
			OperationStatus finalStatus, Duration time) {

		Row withFinalStatus(OperationStatus status) {
			return new Row(this.call, this.operationId, this.before, this.after, this.responses, status, this.time);
		}

		String shortId() {
			return (this.operationId.length() > 8) ? this.operationId.substring(0, 8) : this.operationId;
		}

	}

	/**
	 * What the demo did.
	 *
	 * @param seeded the seeded operations and their initial states, in seeding order
	 * @param rows one row per call
	 */
	record Report(Map<String, OperationState> seeded, List<Row> rows) {

	}

}
