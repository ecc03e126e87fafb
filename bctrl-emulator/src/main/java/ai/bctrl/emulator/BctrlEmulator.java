package ai.bctrl.emulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.netty.channel.EventLoopGroup;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A local stand-in for the bctrl operations API: {@code POST /v1/operations/{id}/cancel},
 * {@code GET /v1/operations/{id}} and {@code POST /v1/operations/{id}/wait}, with the
 * same JSON, the same {@code Authorization: Bearer <key>} rule and the documented error
 * shape, over in-memory operations with a real lifecycle. Seeding, fault injection and a
 * request log are available here and through the control API under {@code /_emulator/}.
 *
 * <pre class="code">
 * try (BctrlEmulator emulator = BctrlEmulator.builder().port(0).cancellingDelay(Duration.ofMillis(50))
 *         .build()
 *         .start()) {
 *     String id = emulator.seed(OperationState.RUNNING);
 *     emulator.faults().next(1).status(503, Duration.ofSeconds(1));
 *     emulator.faults().always().outage(Duration.ofSeconds(5), Duration.ofSeconds(1));
 *     emulator.faults().always().rateLimit(100);
 *     emulator.faults().latency(Duration.ofMillis(20));
 *     // point a client at emulator.baseUrl() with emulator.apiKey()
 * }
 * </pre>
 *
 * <p>
 * Faults ({@link Faults}): a status with or without {@code Retry-After}, latency, a
 * connection reset, no answer, a truncated or non-JSON body, for the next N requests, a
 * share of them or all; an outage answering {@code 503} for a time window; a rate limit
 * answering {@code 429} beyond N requests per second; and a fixed latency on every
 * request.
 *
 * <p>
 * Memory is bounded by size: bodies over 64 KiB are answered {@code 413} without being
 * held, the request log keeps the first 1 KiB of each body, and oversized request lines
 * and headers get the documented error shape. The control API refuses requests a web page
 * could send (an {@code Origin} header, a body that is not JSON, a {@code Host} that is
 * not this machine) and, with a {@linkplain Builder#controlToken(String) control token},
 * requests without it.
 *
 * <p>
 * The server runs on event loops of its own, created for this emulator and shut down by
 * {@link #stop()}, so it never shares threads with a client in the same JVM. Timed state
 * changes and held {@code wait} requests run on the same loops without blocking. All
 * methods are thread-safe.
 */
public final class BctrlEmulator implements AutoCloseable {

	/** Port of the documented local server. */
	public static final int DEFAULT_PORT = 8787;

	/** API key accepted unless another is configured. */
	public static final String DEFAULT_API_KEY = "emulator-key";

	private final String host;

	private final int requestedPort;

	private final String apiKey;

	private final String controlToken;

	private final Duration defaultWaitTimeout;

	private final Duration maxWaitTimeout;

	private final boolean answerUnknownIds;

	private final LoopResources loops;

	private final Scheduler clock;

	private final OperationStore store;

	private final Faults faults;

	private final RequestLog log;

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile DisposableServer server;

	private BctrlEmulator(Builder builder) {
		this.host = builder.host;
		this.requestedPort = builder.port;
		this.apiKey = builder.apiKey;
		this.controlToken = builder.controlToken;
		this.defaultWaitTimeout = builder.defaultWaitTimeout;
		this.maxWaitTimeout = builder.maxWaitTimeout;
		this.answerUnknownIds = builder.answerUnknownIds;
		this.loops = LoopResources.create("bctrl-emulator", 1, builder.ioThreads, true);
		EventLoopGroup group = this.loops.onServer(false);
		this.clock = Schedulers.fromExecutorService(group, "bctrl-emulator");
		this.store = new OperationStore(new Timings(builder.queuedFor, builder.dispatchingFor, builder.runningFor,
				builder.cancellingDelay, builder.autoProgress), group);
		this.log = new RequestLog(builder.requestLogLimit);
		this.faults = new Faults(builder.nanoTime);
	}

	/**
	 * Start a builder with the defaults: {@code 127.0.0.1:8787}, API key
	 * {@value #DEFAULT_API_KEY}, automatic progression.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Bind the server and start serving.
	 * @return this emulator
	 * @throws IllegalStateException if it was started before
	 * @throws IllegalStateException if the port cannot be bound, with the cause (such as
	 * "Address already in use"); the emulator is then stopped
	 */
	public BctrlEmulator start() {
		if (!this.started.compareAndSet(false, true)) {
			throw new IllegalStateException("The emulator can be started only once");
		}
		ApiHandler api = new ApiHandler(this.apiKey, this.store, this.faults, this.log, this.clock,
				this.defaultWaitTimeout, this.maxWaitTimeout, this.answerUnknownIds);
		ControlHandler control = new ControlHandler(this, new ControlAccess(this.host, this.controlToken));
		try {
			this.server = HttpServer.create()
				.host(this.host)
				.port(this.requestedPort)
				.runOn(this.loops, false)
				.doOnChannelInit((observer, channel, address) -> channel.pipeline()
					.addAfter(NettyPipeline.HttpCodec, DecodingFailureHandler.NAME, new DecodingFailureHandler()))
				.handle((request, response) -> isControl(request.uri()) ? control.handle(request, response)
						: api.handle(request, response))
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			stop();
			throw new IllegalStateException("Cannot bind the emulator to " + this.host + ":" + this.requestedPort + ": "
					+ causes(ex) + ((this.requestedPort != 0) ? "; port 0 picks a free port" : ""), ex);
		}
		return this;
	}

	/**
	 * A failure's message with its causes', such as "Failed to bind: Address already in
	 * use".
	 */
	private static String causes(Throwable ex) {
		StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
				message.append(": ").append(cause.getMessage());
			}
		}
		return message.toString();
	}

	/** However the path is spelled ({@code //_emulator}, {@code /%5Femulator}). */
	private static boolean isControl(String uri) {
		List<String> segments = Http.segments(uri);
		return !segments.isEmpty() && segments.get(0).equals(ControlHandler.SEGMENT);
	}

	/**
	 * Stop serving and shut the emulator's event loops down; open connections are closed
	 * and held requests dropped. Idempotent. Must not be called from a reactive pipeline
	 * (it blocks until the loops are down, at most a few seconds).
	 */
	public void stop() {
		if (!this.stopped.compareAndSet(false, true)) {
			return;
		}
		try {
			DisposableServer current = this.server;
			if (current != null) {
				current.disposeNow(Duration.ofSeconds(5));
			}
			this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		}
		finally {
			this.terminated.countDown();
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * The port the server is bound to (the actual one when started with port 0).
	 * @return the port
	 * @throws IllegalStateException if the emulator is not started
	 */
	public int port() {
		DisposableServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("The emulator is not started");
		}
		return current.port();
	}

	/**
	 * The base URL to point a client at, such as {@code http://127.0.0.1:8787}; a
	 * wildcard bind address is reported as {@code 127.0.0.1}.
	 * @return the base URL, without a trailing slash
	 * @throws IllegalStateException if the emulator is not started
	 */
	public String baseUrl() {
		String address = (this.host.equals("0.0.0.0") || this.host.equals("::")) ? "127.0.0.1" : this.host;
		return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port();
	}

	/**
	 * Whether the server listens on an address other hosts can reach (anything but a
	 * loopback address), so that its control API answers the network.
	 * @return whether the emulator is reachable from other hosts
	 */
	public boolean isReachableFromOtherHosts() {
		try {
			return !InetAddress.getByName(this.host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return true;
		}
	}

	/**
	 * Whether the control API requires a {@linkplain Builder#controlToken(String) control
	 * token}.
	 * @return whether a control token is set
	 */
	public boolean hasControlToken() {
		return this.controlToken != null;
	}

	/**
	 * The address and port the server is bound to, such as {@code 0.0.0.0:8787}.
	 * @return the bound address
	 * @throws IllegalStateException if the emulator is not started
	 */
	public String boundAddress() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + port();
	}

	/**
	 * The API key requests must carry as {@code Authorization: Bearer <key>}.
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Create one operation in a state, moving on as the emulator is configured.
	 * @param state the initial state
	 * @return the new operation's id
	 */
	public String seed(OperationState state) {
		return seed(Seed.of(state)).get(0);
	}

	/**
	 * Create operations in a state, moving on as the emulator is configured.
	 * @param state the initial state
	 * @param count how many, at least 1
	 * @return the new operations' ids, in creation order
	 */
	public List<String> seed(OperationState state, int count) {
		return seed(Seed.of(state).count(count));
	}

	/**
	 * Create operations as described.
	 * @param seed what to create
	 * @return the new operations' ids, in creation order
	 */
	public List<String> seed(Seed seed) {
		return this.store.seed(Objects.requireNonNull(seed, "seed must not be null"));
	}

	/**
	 * The current state of an operation.
	 * @param id the operation id
	 * @return the snapshot, or empty if there is no such operation
	 */
	public Optional<OperationSnapshot> operation(String id) {
		return Optional.ofNullable(this.store.find(id)).map(EmulatedOperation::snapshot);
	}

	/**
	 * Every operation, oldest first.
	 * @return snapshots of all operations
	 */
	public List<OperationSnapshot> operations() {
		return this.store.snapshots();
	}

	/**
	 * Finish an operation now, as its runtime would: held {@code wait} requests return at
	 * once. An operation that already finished is left as it is.
	 * @param id the operation id
	 * @param terminalState {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED} or
	 * {@code TIMED_OUT}
	 * @return the operation afterwards
	 * @throws IllegalArgumentException if there is no such operation or the state is not
	 * terminal
	 */
	public OperationSnapshot finish(String id, OperationState terminalState) {
		if (terminalState == null || !terminalState.isTerminal()) {
			throw new IllegalArgumentException("terminalState must be a terminal state but was " + terminalState);
		}
		EmulatedOperation operation = this.store.find(id);
		if (operation == null) {
			throw new IllegalArgumentException("Operation '" + id + "' was not found");
		}
		return this.store.finish(operation, terminalState);
	}

	/**
	 * The faults of this emulator, to install, list and remove them.
	 * @return the faults
	 */
	public Faults faults() {
		return this.faults;
	}

	/**
	 * The request log: every request outside the control API, in the order the responses
	 * were decided (a held {@code wait} is logged when it returns), up to the configured
	 * limit (the oldest are dropped first).
	 * @return a snapshot of the log
	 */
	public List<RecordedRequest> requests() {
		return this.log.entries();
	}

	/**
	 * Clear the request log and restart {@link #maxConcurrentRequests()} from the number
	 * of requests in flight now.
	 */
	public void clearRequests() {
		this.log.clear();
	}

	/**
	 * Requests outside the control API being handled right now, held {@code wait}
	 * requests included.
	 * @return the number of requests in flight
	 */
	public int inFlightRequests() {
		return this.log.inFlight();
	}

	/**
	 * Most requests (outside the control API) in flight at once since start or since the
	 * last {@link #clearRequests()} or {@link #reset()}.
	 * @return the high-water mark
	 */
	public int maxConcurrentRequests() {
		return this.log.maxInFlight();
	}

	/**
	 * Forget every operation, fault and the fixed latency, and clear the request log.
	 * {@code wait} requests held for a forgotten operation are answered {@code 404} at
	 * once, and requests in flight are not logged after the reset.
	 */
	public void reset() {
		this.store.clear();
		this.faults.clear();
		this.log.clear();
	}

	/** Block until {@link #stop()} has finished; for the standalone main. */
	void awaitStop() throws InterruptedException {
		this.terminated.await();
	}

	@Override
	public String toString() {
		DisposableServer current = this.server;
		return "BctrlEmulator[" + ((current != null) ? baseUrl() : this.host + ":" + this.requestedPort)
				+ (this.stopped.get() ? ", stopped" : "") + "]";
	}

	/**
	 * Builder of a {@link BctrlEmulator}.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port = DEFAULT_PORT;

		private String apiKey = DEFAULT_API_KEY;

		private String controlToken;

		private Duration queuedFor = Duration.ofMillis(250);

		private Duration dispatchingFor = Duration.ofMillis(250);

		private Duration runningFor = Duration.ofSeconds(5);

		private Duration cancellingDelay = Duration.ofMillis(500);

		private boolean autoProgress = true;

		private Duration defaultWaitTimeout = Duration.ofSeconds(30);

		private Duration maxWaitTimeout = Duration.ofSeconds(60);

		private int requestLogLimit = 10_000;

		private boolean answerUnknownIds;

		private int ioThreads = 2;

		private LongSupplier nanoTime = System::nanoTime;

		private Builder() {
		}

		/**
		 * Address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for every
		 * interface).
		 * @param host the address or host name
		 * @return this builder
		 */
		public Builder host(String host) {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("host must not be blank");
			}
			this.host = host;
			return this;
		}

		/**
		 * Port to bind (default {@value BctrlEmulator#DEFAULT_PORT}); {@code 0} picks a
		 * free port, see {@link BctrlEmulator#port()}.
		 * @param port from 0 to 65535
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * API key requests must carry (default {@value BctrlEmulator#DEFAULT_API_KEY}).
		 * Surrounding whitespace is removed, as from the header clients send.
		 * @param apiKey the key, not blank
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey == null || apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			this.apiKey = apiKey.trim();
			return this;
		}

		/**
		 * Token the control API requires as {@code Authorization: Bearer <token>}
		 * (default none). Set it whenever the emulator listens on an address other hosts
		 * can reach: without it, the control API answers only requests addressed to
		 * {@code localhost} or the bound address, which a remote client can still send.
		 * @param token the token, not blank, or {@code null} for none
		 * @return this builder
		 */
		public Builder controlToken(String token) {
			if (token != null && token.isBlank()) {
				throw new IllegalArgumentException("controlToken must not be blank");
			}
			this.controlToken = (token != null) ? token.trim() : null;
			return this;
		}

		/**
		 * Time an operation stays {@code queued} when moving on by itself (default 250
		 * ms).
		 * @param duration zero or positive
		 * @return this builder
		 */
		public Builder queuedFor(Duration duration) {
			this.queuedFor = checkNotNegative("queuedFor", duration);
			return this;
		}

		/**
		 * Time an operation stays {@code dispatching} when moving on by itself (default
		 * 250 ms).
		 * @param duration zero or positive
		 * @return this builder
		 */
		public Builder dispatchingFor(Duration duration) {
			this.dispatchingFor = checkNotNegative("dispatchingFor", duration);
			return this;
		}

		/**
		 * Time an operation stays {@code running} before it reaches its outcome, when
		 * moving on by itself (default 5 s).
		 * @param duration zero or positive
		 * @return this builder
		 */
		public Builder runningFor(Duration duration) {
			this.runningFor = checkNotNegative("runningFor", duration);
			return this;
		}

		/**
		 * Time a cancelled running operation stays {@code cancelling} before it is
		 * {@code cancelled} (default 500 ms). Applies to frozen operations too.
		 * @param duration zero or positive
		 * @return this builder
		 */
		public Builder cancellingDelay(Duration duration) {
			this.cancellingDelay = checkNotNegative("cancellingDelay", duration);
			return this;
		}

		/**
		 * Whether operations move through their lifecycle by themselves (default
		 * {@code true}). When {@code false}, every operation stays in its state until
		 * cancelled or {@linkplain BctrlEmulator#finish finished}; per operation, see
		 * {@link Seed#frozen(boolean)}.
		 * @param autoProgress whether operations move on by themselves
		 * @return this builder
		 */
		public Builder autoProgress(boolean autoProgress) {
			this.autoProgress = autoProgress;
			return this;
		}

		/**
		 * How long {@code wait} holds a request without {@code timeoutMs} (default 30 s).
		 * @param timeout zero or positive, at most the maximum
		 * @return this builder
		 */
		public Builder defaultWaitTimeout(Duration timeout) {
			this.defaultWaitTimeout = checkNotNegative("defaultWaitTimeout", timeout);
			return this;
		}

		/**
		 * Longest a {@code wait} holds a request; larger {@code timeoutMs} values are
		 * capped (default 60 s).
		 * @param timeout zero or positive
		 * @return this builder
		 */
		public Builder maxWaitTimeout(Duration timeout) {
			this.maxWaitTimeout = checkNotNegative("maxWaitTimeout", timeout);
			return this;
		}

		/**
		 * Most requests kept in the request log; older ones are dropped (default 10,000;
		 * {@code 0} keeps none, for benchmarks).
		 * @param limit zero or positive
		 * @return this builder
		 */
		public Builder requestLogLimit(int limit) {
			if (limit < 0) {
				throw new IllegalArgumentException("requestLogLimit must be zero or positive but was " + limit);
			}
			this.requestLogLimit = limit;
			return this;
		}

		/**
		 * Whether an id the emulator does not know is answered as a frozen {@code queued}
		 * operation under that id instead of {@code 404} (default {@code false}): a
		 * cancel answers it {@code cancelled}, a get {@code queued}. Such operations are
		 * made up for the answer and not kept, so a batch of millions of ids costs the
		 * emulator no memory; the next request for the same id finds it {@code queued}
		 * again.
		 * @param answerUnknownIds whether unknown ids are answered
		 * @return this builder
		 */
		public Builder answerUnknownIds(boolean answerUnknownIds) {
			this.answerUnknownIds = answerUnknownIds;
			return this;
		}

		/**
		 * Number of event-loop threads serving requests (default 2).
		 * @param threads at least 1
		 * @return this builder
		 */
		public Builder ioThreads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("ioThreads must be at least 1 but was " + threads);
			}
			this.ioThreads = threads;
			return this;
		}

		/**
		 * Source of time of the faults that last or count per second (outages, rate
		 * limits), so tests can move it by hand.
		 * @param nanoTime a monotonic time in nanoseconds, like {@link System#nanoTime()}
		 * @return this builder
		 */
		Builder nanoTime(LongSupplier nanoTime) {
			this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime must not be null");
			return this;
		}

		/**
		 * Create the emulator; it does not listen until {@link BctrlEmulator#start()}.
		 * @return the emulator
		 * @throws IllegalArgumentException if the default wait timeout exceeds the
		 * maximum
		 */
		public BctrlEmulator build() {
			if (this.defaultWaitTimeout.compareTo(this.maxWaitTimeout) > 0) {
				throw new IllegalArgumentException("defaultWaitTimeout (" + this.defaultWaitTimeout
						+ ") must not exceed maxWaitTimeout (" + this.maxWaitTimeout + ")");
			}
			return new BctrlEmulator(this);
		}

		private static Duration checkNotNegative(String name, Duration value) {
			if (value == null || value.isNegative()) {
				throw new IllegalArgumentException(name + " must be zero or positive but was " + value);
			}
			return value;
		}

	}

}
