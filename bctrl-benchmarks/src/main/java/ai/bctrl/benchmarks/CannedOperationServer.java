package ai.bctrl.benchmarks;

import java.time.Duration;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The end-to-end benchmarks' server: answers every request on 127.0.0.1 with
 * {@link CannedOperation} and 200. It runs on event loops of its own, so the client's
 * loops never serve it (a shared loop would make concurrency-1 latency depend on thread
 * placement).
 */
public final class CannedOperationServer implements AutoCloseable {

	private final LoopResources loops;

	private final DisposableServer server;

	/**
	 * Starts the server on a free loopback port.
	 */
	public CannedOperationServer() {
		byte[] body = CannedOperation.bytes();
		String length = Integer.toString(body.length);
		this.loops = LoopResources.create("benchmark-server", 1, 2, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops, false)
			.handle((request, response) -> response.status(200)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.header(HttpHeaderNames.CONTENT_LENGTH, length)
				.sendObject(Unpooled.wrappedBuffer(body)))
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Base URL of the server, such as {@code http://127.0.0.1:41234}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
	}

}
