package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A Reactor Netty HTTP server on 127.0.0.1, on its own event loops, for faults that need
 * exact control of the connection: resets, closing mid-body, dribbling, stalling, and
 * seeing the client's connection go away.
 */
final class LoopbackServer implements AutoCloseable {

	private final LoopResources loops = LoopResources.create("loopback-server", 2, true);

	private final AtomicInteger requests = new AtomicInteger();

	private final List<Channel> channels = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	private LoopbackServer(Handler handler) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(this.loops).handle((request, response) -> {
			int number = this.requests.incrementAndGet();
			request.withConnection((connection) -> this.channels.add(connection.channel()));
			return handler.handle(number, request, response);
		}).bindNow();
	}

	static LoopbackServer start(Handler handler) {
		return new LoopbackServer(handler);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Number of requests received so far. */
	int requestCount() {
		return this.requests.get();
	}

	/** The channel that carried each request, in order. */
	List<Channel> channels() {
		return this.channels;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(2));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(10));
	}

	static Publisher<Void> json(HttpServerResponse response, int status, String body) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendString(Mono.just(body));
	}

	/** Read the request, then reset the connection (RST, not FIN) without answering. */
	static Publisher<Void> reset(HttpServerRequest request) {
		return request.receive().then(Mono.create((sink) -> request.withConnection((connection) -> {
			Channel channel = connection.channel();
			channel.config().setOption(ChannelOption.SO_LINGER, 0);
			channel.close().addListener((future) -> sink.success());
		})));
	}

	/**
	 * Send the headers (announcing the whole body) and the first {@code sent} bytes of
	 * the body, then close the connection. Written on the channel directly: Reactor Netty
	 * would complete a short body on its own.
	 */
	static Publisher<Void> closeMidBody(HttpServerRequest request, String body, int sent) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		request.withConnection((connection) -> {
			Channel channel = connection.channel();
			DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
			head.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
			channel.write(head);
			channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes, 0, sent)))
				.addListener((future) -> channel.close());
		});
		return Mono.never();
	}

	/**
	 * Send the headers at once, then the body one byte every {@code interval}; counts the
	 * bytes written.
	 */
	static Publisher<Void> dribble(HttpServerResponse response, String body, Duration interval,
			AtomicInteger bytesSent) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(bytes.length))
			.sendHeaders()
			.send(Flux.interval(interval)
				.take(bytes.length)
				.map((index) -> Unpooled.wrappedBuffer(new byte[] { bytes[index.intValue()] }))
				.doOnNext((buffer) -> bytesSent.incrementAndGet()));
	}

	/** Never answer. */
	static Publisher<Void> stall() {
		return Mono.never();
	}

	@FunctionalInterface
	interface Handler {

		/**
		 * Answer one request.
		 * @param number the number of the request, from 1
		 */
		Publisher<Void> handle(int number, HttpServerRequest request, HttpServerResponse response);

	}

}
