package ai.bctrl.emulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most recent requests, bounded so a long benchmark cannot exhaust memory, and the
 * number of requests in flight with its high-water mark.
 */
final class RequestLog {

	private final ConcurrentLinkedDeque<RecordedRequest> entries = new ConcurrentLinkedDeque<>();

	private final AtomicInteger size = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final int limit;

	RequestLog(int limit) {
		this.limit = limit;
	}

	void started() {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
	}

	void finished() {
		this.inFlight.decrementAndGet();
	}

	void add(RecordedRequest request) {
		if (this.limit == 0) {
			return;
		}
		this.entries.addLast(request);
		if (this.size.incrementAndGet() > this.limit && this.entries.pollFirst() != null) {
			this.size.decrementAndGet();
		}
	}

	List<RecordedRequest> entries() {
		return List.copyOf(this.entries);
	}

	int inFlight() {
		return this.inFlight.get();
	}

	int maxInFlight() {
		return this.maxInFlight.get();
	}

	/**
	 * Forget the entries and restart the high-water mark from the requests in flight now.
	 */
	void clear() {
		this.entries.clear();
		this.size.set(0);
		this.maxInFlight.set(this.inFlight.get());
	}

}
