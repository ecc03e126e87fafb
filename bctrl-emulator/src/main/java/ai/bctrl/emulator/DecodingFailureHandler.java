package ai.bctrl.emulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers a request the HTTP decoder could not read (a request line or headers over
 * Netty's limits, a malformed request) in the documented error shape, instead of the
 * server's default empty response, and closes the connection. Sits right after the HTTP
 * codec; one instance per connection.
 */
final class DecodingFailureHandler extends ChannelInboundHandlerAdapter {

	static final String NAME = "bctrlEmulatorDecodingFailures";

	private boolean failed;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.failed) {
			// The rest of a request that was already answered.
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
			this.failed = true;
			Throwable cause = request.decoderResult().cause();
			ReferenceCountUtil.release(msg);
			ctx.writeAndFlush(response(cause)).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	private static FullHttpResponse response(Throwable cause) {
		String requestId = Http.newRequestId();
		Reply reply;
		if (cause instanceof TooLongHttpLineException) {
			reply = Reply.error(414, "request.uri_too_long", "Request line is too long", requestId);
		}
		else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
			reply = Reply.error(431, "request.headers_too_large", "Request headers are too large", requestId);
		}
		else {
			reply = Reply.error(400, "request.invalid", "Malformed HTTP request", requestId);
		}
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
			.set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.set(Http.REQUEST_ID, requestId);
		return response;
	}

}
