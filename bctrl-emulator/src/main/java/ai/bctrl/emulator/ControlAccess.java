package ai.bctrl.emulator;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Who may use the unauthenticated control API. A web page in the developer's browser must
 * not reach it: requests with an {@code Origin} header (cross-site requests) are refused,
 * and so are bodies not sent as JSON (which a form cannot send) and a {@code Host} that
 * does not name this machine's loopback address or the bound address (DNS rebinding).
 * With a control token, every request must carry it as
 * {@code Authorization: Bearer <token>}: the protection for an emulator reachable from
 * other hosts.
 */
final class ControlAccess {

	private final String boundHost;

	private final String token;

	ControlAccess(String boundHost, String token) {
		this.boundHost = boundHost;
		this.token = token;
	}

	/**
	 * The refusal for a request, or {@code null} if it may proceed.
	 */
	Reply check(HttpHeaders headers, String requestId) {
		if (headers.contains(HttpHeaderNames.ORIGIN)) {
			return forbidden("The control API does not accept requests from web pages (Origin header)", requestId);
		}
		if (this.token != null && !tokenMatches(headers.get(HttpHeaderNames.AUTHORIZATION))) {
			return Reply.error(401, "auth.required",
					"The control API needs the control token: send 'Authorization: Bearer <control token>'", requestId)
				.withHeader("WWW-Authenticate", "Bearer");
		}
		if (this.token == null && !isAllowedHost(headers.get(HttpHeaderNames.HOST))) {
			return forbidden("The control API answers only requests addressed to localhost or " + this.boundHost
					+ " unless a control token is set", requestId);
		}
		String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
		if ((contentType != null) ? !isJson(contentType) : hasBody(headers)) {
			return Reply.error(415, "request.unsupported_media_type",
					"The control API takes bodies sent with 'Content-Type: application/json'", requestId);
		}
		return null;
	}

	private static boolean hasBody(HttpHeaders headers) {
		String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		return headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || (length != null && !length.trim().equals("0"));
	}

	private boolean tokenMatches(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8),
				this.token.getBytes(StandardCharsets.UTF_8));
	}

	private boolean isAllowedHost(String host) {
		if (host == null) {
			return false;
		}
		String name = hostName(host.trim().toLowerCase(Locale.ROOT));
		if (name.equals("localhost") || name.endsWith(".localhost") || name.equalsIgnoreCase(this.boundHost)) {
			return true;
		}
		if (!isAddressLiteral(name)) {
			// A name that is not an address: resolving it here would be what DNS
			// rebinding counts on.
			return false;
		}
		try {
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** The name of a {@code Host} value, without the port and IPv6 brackets. */
	private static String hostName(String host) {
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(1, end) : host;
		}
		int colon = host.lastIndexOf(':');
		return (colon >= 0) ? host.substring(0, colon) : host;
	}

	private static boolean isAddressLiteral(String name) {
		return name.contains(":") || name.matches("[0-9.]+");
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return type.equals("application/json") || type.endsWith("+json");
	}

	private static Reply forbidden(String message, String requestId) {
		return Reply.error(403, "control.forbidden", message, requestId);
	}

}
