package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the API key out of everything a failure carries: text that came from outside
 * (server messages, bodies, decoder errors) and the causes attached to an exception,
 * since logging an exception prints every cause.
 */
final class KeyRedaction {

	private static final String MASK = "******";

	private static final int MAX_CAUSE_DEPTH = 16;

	private final String apiKey;

	KeyRedaction(String apiKey) {
		this.apiKey = apiKey;
	}

	/** Removes the API key from text that came from outside (server messages, bodies). */
	String redact(String text) {
		if (text == null || this.apiKey == null || this.apiKey.length() < 4) {
			return text;
		}
		return text.replace(this.apiKey, MASK);
	}

	/**
	 * The cause to attach: as it is, or a copy without the key when a message in its
	 * chain contains it (a decoder quoting the body, for example).
	 */
	Throwable redact(Throwable cause) {
		return redact(cause, 0);
	}

	private Throwable redact(Throwable cause, int depth) {
		if (cause == null || depth > MAX_CAUSE_DEPTH || !revealsKey(cause)) {
			return cause;
		}
		return new RedactedCause(cause, redact(cause.getMessage()), redact(cause.getCause(), depth + 1));
	}

	private boolean revealsKey(Throwable error) {
		Throwable cause = error;
		for (int depth = 0; cause != null && depth <= MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && !message.equals(redact(message))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The start of a body as text, whitespace collapsed and the key removed before it is
	 * cut, so that no cut can leave the start of the key behind.
	 * @param body the body
	 * @param maxLength the longest snippet, in characters
	 * @return the snippet, or {@code null} for an empty body
	 */
	String snippet(byte[] body, int maxLength) {
		if (body.length == 0) {
			return null;
		}
		int read = Math.min(body.length, maxLength * 4);
		String text = redact(new String(body, 0, read, StandardCharsets.UTF_8).replaceAll("\\s+", " "));
		if (read < body.length) {
			text = withoutKeyStartAtEnd(text);
		}
		text = text.trim();
		return (text.length() > maxLength) ? text.substring(0, maxLength) + "…" : text;
	}

	/** Text read from a cut body may end in the first characters of the key. */
	private String withoutKeyStartAtEnd(String text) {
		if (this.apiKey == null) {
			return text;
		}
		for (int length = Math.min(this.apiKey.length() - 1, text.length()); length > 0; length--) {
			if (text.endsWith(this.apiKey.substring(0, length))) {
				return text.substring(0, text.length() - length);
			}
		}
		return text;
	}

	/**
	 * Stands in for a cause whose message contained the key: same class name in the text,
	 * same stack trace, key removed.
	 */
	static final class RedactedCause extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RedactedCause(Throwable original, String message, Throwable cause) {
			super((message != null) ? original.getClass().getName() + ": " + message : original.getClass().getName(),
					cause, false, true);
			setStackTrace(original.getStackTrace());
		}

		@Override
		public String toString() {
			return getMessage();
		}

	}

}
