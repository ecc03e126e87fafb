package ai.bctrl.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange over a plain socket, reading until the server closes: what the
 * server really sent, byte for byte, for the faults an HTTP client hides.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send a request and read until the connection is closed.
	 * @return everything received, as ISO-8859-1 text
	 * @throws IOException if the read fails, for example on a connection reset
	 */
	static String exchange(BctrlEmulator emulator, String method, String path) throws IOException {
		return exchange(emulator, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ emulator.apiKey() + "\r\nContent-Length: 0\r\n\r\n");
	}

	/**
	 * Send a request as written, with {@code Connection: close} if it should get one
	 * answer, and read until the connection is closed.
	 * @return everything received, as ISO-8859-1 text
	 * @throws IOException if the read fails
	 */
	static String exchange(BctrlEmulator emulator, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			while ((read = in.read(buffer)) != -1) {
				received.write(buffer, 0, read);
			}
			return received.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
