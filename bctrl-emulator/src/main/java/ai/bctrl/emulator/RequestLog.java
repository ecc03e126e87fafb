package ai.bctrl.emulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

	/**
	 * Changed by every clear, so that requests from before it are not logged after it.
	 */
	private final AtomicLong generation = new AtomicLong();

	RequestLog(int limit) {
		this.limit = limit;
	}

	/**
	 * Count a request in flight.
	 * @return the generation to pass to {@link #add} when it is answered
	 */
	long started() {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		return this.generation.get();
	}

	void finished() {
		this.inFlight.decrementAndGet();
	}

	/**
	 * Log a request, unless the log was cleared since it arrived (a wait held across a
	 * reset belongs to the test before it).
	 */
	void add(long generation, RecordedRequest request) {
		if (this.limit == 0 || generation != this.generation.get()) {
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
		this.generation.incrementAndGet();
		this.entries.clear();
		this.size.set(0);
		this.maxInFlight.set(this.inFlight.get());
	}

}
