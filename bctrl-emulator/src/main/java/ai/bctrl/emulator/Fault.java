package ai.bctrl.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * An injected fault: what it does ({@link #kind()}), to which requests (a method and a
 * path pattern), and how often (the next N matching requests, a share of them, or both).
 * Faults apply to every request outside the control API, before authentication, the way a
 * failing network or proxy in front of the service would. Installed with
 * {@link BctrlEmulator#faults()}:
 *
 * <pre class="code">
 * emulator.faults().next(2).status(503, Duration.ofSeconds(1));
 * emulator.faults().share(0.3).path("/v1/operations/*&#47;cancel").connectionReset();
 * emulator.faults().share(0.01).noAnswer();
 * </pre>
 *
 * When several faults match a request, the one installed first that fires wins. A fault
 * limited to N requests is removed once it has fired N times.
 */
public final class Fault {

	private final Faults owner;

	private final String id;

	private final FaultKind kind;

	private final String method;

	private final String path;

	private final Pattern pathPattern;

	private final double share;

	private final AtomicInteger remaining;

	private final AtomicInteger triggered = new AtomicInteger();

	private final int status;

	private final String retryAfter;

	private final String body;

	private final Duration latency;

	private final LongSupplier nanoTime;

	private final long installedAt;

	private final Duration window;

	private final int requestsPerSecond;

	/** Start of the current one-second window of a rate limit, guarded by this. */
	private long rateWindowStart;

	/** Requests admitted in the current window of a rate limit, guarded by this. */
	private int rateWindowCount;

	private Fault(Builder builder, FaultKind kind, int status, String retryAfter, String body, Duration latency) {
		this(builder, kind, status, retryAfter, body, latency, null, 0);
	}

	private Fault(Builder builder, FaultKind kind, int status, String retryAfter, String body, Duration latency,
			Duration window, int requestsPerSecond) {
		this.owner = builder.faults;
		this.id = builder.faults.nextId();
		this.kind = kind;
		this.method = builder.method;
		this.path = builder.path;
		this.pathPattern = (builder.path != null) ? glob(builder.path) : null;
		this.share = builder.share;
		this.remaining = (builder.count != null) ? new AtomicInteger(builder.count) : null;
		this.status = status;
		this.retryAfter = retryAfter;
		this.body = body;
		this.latency = latency;
		this.nanoTime = builder.faults.nanoTime();
		this.installedAt = this.nanoTime.getAsLong();
		this.window = window;
		this.requestsPerSecond = requestsPerSecond;
		this.rateWindowStart = this.installedAt;
	}

	/**
	 * Id of the fault, as listed by the control API.
	 * @return the id, for example {@code fault-1}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * What the fault does.
	 * @return the kind
	 */
	public FaultKind kind() {
		return this.kind;
	}

	/**
	 * How many requests the fault has hit so far.
	 * @return the count
	 */
	public int triggered() {
		return this.triggered.get();
	}

	/**
	 * Whether the fault can still fire: installed, not removed, and not used up.
	 * @return whether it is active
	 */
	public boolean isActive() {
		return this.owner.contains(this) && !isUsedUp();
	}

	/**
	 * Remove the fault; requests in progress are not affected.
	 */
	public void remove() {
		this.owner.remove(this);
	}

	String method() {
		return this.method;
	}

	String path() {
		return this.path;
	}

	double share() {
		return this.share;
	}

	/** Requests left, or {@code null} when unlimited. */
	Integer remaining() {
		return (this.remaining != null) ? this.remaining.get() : null;
	}

	int status() {
		return this.status;
	}

	String retryAfter() {
		return this.retryAfter;
	}

	String body() {
		return this.body;
	}

	Duration latency() {
		return this.latency;
	}

	/** Length of an outage, or {@code null}. */
	Duration window() {
		return this.window;
	}

	/** Time left of an outage, or {@code null}. */
	Duration windowLeft() {
		if (this.window == null) {
			return null;
		}
		long left = this.window.toNanos() - (this.nanoTime.getAsLong() - this.installedAt);
		return Duration.ofNanos(Math.max(0, left));
	}

	/** Requests a rate limit lets through per second, or {@code 0}. */
	int requestsPerSecond() {
		return this.requestsPerSecond;
	}

	/**
	 * Decide whether this fault hits a request, and count it if so. Atomic: under
	 * concurrency a fault limited to N requests hits exactly N.
	 */
	boolean tryFire(String requestMethod, String requestPath) {
		if (this.method != null && !this.method.equalsIgnoreCase(requestMethod)) {
			return false;
		}
		if (this.pathPattern != null && !this.pathPattern.matcher(requestPath).matches()) {
			return false;
		}
		if (this.kind == FaultKind.OUTAGE && isOver()) {
			return false;
		}
		if (this.kind == FaultKind.RATE_LIMIT && admit()) {
			return false;
		}
		if (this.share < 1.0 && ThreadLocalRandom.current().nextDouble() >= this.share) {
			return false;
		}
		if (this.remaining != null) {
			int left;
			do {
				left = this.remaining.get();
				if (left <= 0) {
					return false;
				}
			}
			while (!this.remaining.compareAndSet(left, left - 1));
		}
		this.triggered.incrementAndGet();
		return true;
	}

	boolean isUsedUp() {
		return (this.remaining != null && this.remaining.get() <= 0) || (this.kind == FaultKind.OUTAGE && isOver());
	}

	private boolean isOver() {
		return this.nanoTime.getAsLong() - this.installedAt >= this.window.toNanos();
	}

	/**
	 * Count a request against the rate limit: fixed windows of one second, the first
	 * starting when the fault is installed.
	 * @return whether the request is within the limit
	 */
	private synchronized boolean admit() {
		long now = this.nanoTime.getAsLong();
		long second = Duration.ofSeconds(1).toNanos();
		if (now - this.rateWindowStart >= second) {
			this.rateWindowStart += ((now - this.rateWindowStart) / second) * second;
			this.rateWindowCount = 0;
		}
		if (this.rateWindowCount < this.requestsPerSecond) {
			this.rateWindowCount++;
			return true;
		}
		return false;
	}

	/** {@code *} matches within one path segment, {@code **} across segments. */
	private static Pattern glob(String pattern) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
				regex.append(".*");
				i++;
			}
			else if (c == '*') {
				regex.append("[^/]*");
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString());
	}

	@Override
	public String toString() {
		StringBuilder description = new StringBuilder("Fault[").append(this.id)
			.append(' ')
			.append(this.kind.wireValue());
		if (this.kind == FaultKind.STATUS || this.kind == FaultKind.NON_JSON_BODY) {
			description.append(' ').append(this.status);
		}
		if (this.retryAfter != null) {
			description.append(" Retry-After ").append(this.retryAfter);
		}
		if (this.latency != null) {
			description.append(' ').append(this.latency.toMillis()).append(" ms");
		}
		if (this.window != null) {
			description.append(" for ").append(this.window.toMillis()).append(" ms");
		}
		if (this.requestsPerSecond > 0) {
			description.append(' ').append(this.requestsPerSecond).append(" per second");
		}
		description.append(", ");
		if (this.remaining != null) {
			description.append(this.remaining.get()).append(" left, ");
		}
		if (this.share < 1.0) {
			description.append("share ").append(this.share).append(", ");
		}
		description.append((this.method != null) ? this.method : "any method")
			.append(' ')
			.append((this.path != null) ? this.path : "any path");
		return description.append(']').toString();
	}

	/**
	 * Describes which requests a fault hits; each terminal method ({@link #status(int)},
	 * {@link #latency(Duration)}, {@link #connectionReset()}, ...) installs one fault and
	 * returns it. Without {@link #next(int)} or {@link #share(double)} the fault hits
	 * every matching request until removed.
	 */
	public static final class Builder {

		private final Faults faults;

		private Integer count;

		private double share = 1.0;

		private String method;

		private String path;

		Builder(Faults faults) {
			this.faults = faults;
		}

		/**
		 * Hit only the next {@code count} matching requests (of those picked by
		 * {@link #share(double)}, if set).
		 * @param count at least 1
		 * @return this builder
		 */
		public Builder next(int count) {
			if (count < 1) {
				throw new IllegalArgumentException("count must be at least 1 but was " + count);
			}
			this.count = count;
			return this;
		}

		/**
		 * Hit each matching request with this probability.
		 * @param probability greater than 0 and at most 1
		 * @return this builder
		 */
		public Builder share(double probability) {
			if (!(probability > 0.0 && probability <= 1.0)) {
				throw new IllegalArgumentException("share must be greater than 0 and at most 1 but was " + probability);
			}
			this.share = probability;
			return this;
		}

		/**
		 * Hit only requests with this method.
		 * @param method an HTTP method such as {@code POST}, case-insensitive
		 * @return this builder
		 */
		public Builder method(String method) {
			this.method = Objects.requireNonNull(method, "method must not be null");
			return this;
		}

		/**
		 * Hit only requests whose raw path (without the query) matches a pattern in which
		 * {@code *} matches within one segment and {@code **} across segments, for
		 * example <code>/v1/operations/*&#47;cancel</code>.
		 * @param pattern the path pattern, starting with {@code /}
		 * @return this builder
		 */
		public Builder path(String pattern) {
			if (pattern == null || !pattern.startsWith("/")) {
				throw new IllegalArgumentException("path pattern must start with '/' but was '" + pattern + "'");
			}
			this.path = pattern;
			return this;
		}

		/**
		 * Answer with a status and an error body in the documented shape.
		 * @param status an HTTP status from 200 to 599 (not 204 or 304)
		 * @return the installed fault
		 */
		public Fault status(int status) {
			return status(status, (String) null, null);
		}

		/**
		 * Answer with a status, {@code Retry-After} in whole seconds (rounded up) and an
		 * error body in the documented shape.
		 * @param status an HTTP status from 200 to 599 (not 204 or 304)
		 * @param retryAfter the delay to announce
		 * @return the installed fault
		 */
		public Fault status(int status, Duration retryAfter) {
			if (retryAfter == null) {
				throw new IllegalArgumentException("retryAfter must be zero or positive but was null");
			}
			return status(status, seconds(retryAfter), null);
		}

		/**
		 * Answer with a status, an optional raw {@code Retry-After} value (delta-seconds
		 * or an HTTP-date) and an optional JSON body sent as it is.
		 * @param status an HTTP status from 200 to 599 (not 204 or 304)
		 * @param retryAfter the header value, or {@code null} for none
		 * @param body the body, or {@code null} for an error body in the documented shape
		 * @return the installed fault
		 * @throws IllegalArgumentException if the status is out of range or
		 * {@code retryAfter} is neither whole seconds nor an HTTP-date
		 */
		public Fault status(int status, String retryAfter, String body) {
			if (retryAfter != null) {
				RetryAfter.check("retryAfter", retryAfter);
			}
			if (status < 200 || status > 599 || status == 204 || status == 304) {
				throw new IllegalArgumentException(
						"status must be between 200 and 599 and allow a body (not 204 or 304) but was " + status);
			}
			return install(new Fault(this, FaultKind.STATUS, status, retryAfter, body, null));
		}

		/**
		 * Wait before handling the request normally.
		 * @param latency the delay, zero or positive
		 * @return the installed fault
		 */
		public Fault latency(Duration latency) {
			if (latency == null || latency.isNegative()) {
				throw new IllegalArgumentException("latency must be zero or positive but was " + latency);
			}
			return install(new Fault(this, FaultKind.LATENCY, 0, null, null, latency));
		}

		/**
		 * Close the connection with a TCP reset instead of answering.
		 * @return the installed fault
		 */
		public Fault connectionReset() {
			return install(new Fault(this, FaultKind.CONNECTION_RESET, 0, null, null, null));
		}

		/**
		 * Read the request and never answer it, like a service that hangs; the request is
		 * held (and {@linkplain BctrlEmulator#inFlightRequests() in flight}) until the
		 * client closes the connection.
		 * @return the installed fault
		 */
		public Fault noAnswer() {
			return install(new Fault(this, FaultKind.NO_ANSWER, 0, null, null, null));
		}

		/**
		 * Send the normal response's headers, with its full {@code Content-Length}, and
		 * only half its body, then close the connection.
		 * @return the installed fault
		 */
		public Fault truncatedBody() {
			return install(new Fault(this, FaultKind.TRUNCATED_BODY, 0, null, null, null));
		}

		/**
		 * Answer {@code 502 Bad Gateway} with an HTML page, as a reverse proxy does.
		 * @return the installed fault
		 */
		public Fault nonJsonBody() {
			return nonJsonBody(502);
		}

		/**
		 * Answer with a status and an HTML page, as a reverse proxy does.
		 * @param status an HTTP status from 200 to 599 (not 204 or 304)
		 * @return the installed fault
		 */
		public Fault nonJsonBody(int status) {
			if (status < 200 || status > 599 || status == 204 || status == 304) {
				throw new IllegalArgumentException(
						"status must be between 200 and 599 and allow a body (not 204 or 304) but was " + status);
			}
			return install(new Fault(this, FaultKind.NON_JSON_BODY, status, null, null, null));
		}

		/**
		 * Start an outage now: every matching request is answered {@code 503 Service
		 * Unavailable} (in the documented error shape) until the window has passed; then
		 * the fault is removed.
		 * @param window how long the outage lasts, positive
		 * @return the installed fault
		 */
		public Fault outage(Duration window) {
			return outage(window, null);
		}

		/**
		 * Start an outage now: every matching request is answered {@code 503 Service
		 * Unavailable} with {@code Retry-After} in whole seconds (rounded up) until the
		 * window has passed; then the fault is removed.
		 * @param window how long the outage lasts, positive
		 * @param retryAfter the delay to announce, or {@code null} for no
		 * {@code Retry-After}
		 * @return the installed fault
		 */
		public Fault outage(Duration window, Duration retryAfter) {
			if (window == null || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("window must be positive but was " + window);
			}
			checkUnlimited("an outage");
			String header = (retryAfter != null) ? seconds(retryAfter) : null;
			return install(new Fault(this, FaultKind.OUTAGE, 503, header, null, null, window, 0));
		}

		/**
		 * Let through at most {@code requestsPerSecond} matching requests in each second
		 * (fixed windows, the first starting now) and answer the others
		 * {@code 429 Too Many Requests} with {@code Retry-After: 1}, until removed.
		 * @param requestsPerSecond at least 1
		 * @return the installed fault
		 */
		public Fault rateLimit(int requestsPerSecond) {
			if (requestsPerSecond < 1) {
				throw new IllegalArgumentException("requestsPerSecond must be at least 1 but was " + requestsPerSecond);
			}
			checkUnlimited("a rate limit");
			return install(new Fault(this, FaultKind.RATE_LIMIT, 429, "1", null, null, null, requestsPerSecond));
		}

		/** An outage and a rate limit decide by time which requests they hit. */
		private void checkUnlimited(String what) {
			if (this.count != null || this.share < 1.0) {
				throw new IllegalArgumentException("next and share do not apply to " + what);
			}
		}

		private static String seconds(Duration delay) {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("retryAfter must be zero or positive but was " + delay);
			}
			return Long.toString((delay.toMillis() + 999) / 1000);
		}

		private Fault install(Fault fault) {
			this.faults.add(fault);
			return fault;
		}

	}

}
