package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * An operation id as one path segment that no server can read as anything else: every
 * byte outside RFC 3986's unreserved set ({@code A-Z a-z 0-9 - . _ ~}) is
 * percent-encoded, {@code ;}, {@code :}, {@code @}, {@code !} and {@code $} included, and
 * the ids {@code .} and {@code ..}, which would be a path step whatever their encoding,
 * are refused.
 */
final class OperationIdSegment {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private OperationIdSegment() {
	}

	/**
	 * The encoded segment.
	 * @param operationId the id
	 * @return the id, encoded
	 * @throws IllegalArgumentException if the id is null, blank, {@code .} or {@code ..}
	 */
	static String encode(@Nullable String operationId) {
		if (operationId == null || operationId.isBlank()) {
			throw new IllegalArgumentException("operationId must not be null or blank but was "
					+ ((operationId != null) ? "'" + operationId + "'" : "null"));
		}
		if (operationId.equals(".") || operationId.equals("..")) {
			throw new IllegalArgumentException(
					"operationId must not be '" + operationId + "': it would be read as a path step");
		}
		if (isUnreserved(operationId)) {
			return operationId;
		}
		StringBuilder segment = new StringBuilder(operationId.length() * 3);
		for (byte b : operationId.getBytes(StandardCharsets.UTF_8)) {
			if (isUnreserved((char) (b & 0xFF))) {
				segment.append((char) b);
			}
			else {
				segment.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
			}
		}
		return segment.toString();
	}

	private static boolean isUnreserved(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!isUnreserved(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

}
