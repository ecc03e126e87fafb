package ai.bctrl.operations;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The bctrl API answered with an error status. Subclasses name the status family; the
 * accessors carry what the server said.
 */
public class BctrlApiException extends BctrlException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final @Nullable String errorCode;

	private final @Nullable String requestId;

	private final transient Map<String, Object> details;

	private final @Nullable String bodySnippet;

	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception for an error status; subclasses whose status is fixed take no
	 * status.
	 * @param message what happened, for a person to act on
	 * @param operationId the operation id, or {@code null}
	 * @param attempts how many attempts were made
	 * @param statusCode the HTTP status code
	 * @param info what the server said, {@link ErrorInfo#none()} when nothing
	 */
	public BctrlApiException(String message, @Nullable String operationId, int attempts, int statusCode,
			ErrorInfo info) {
		super(message, operationId, attempts, null);
		this.statusCode = statusCode;
		this.errorCode = info.errorCode;
		this.requestId = info.requestId;
		this.details = info.details;
		this.bodySnippet = info.bodySnippet;
		this.retryAfter = info.retryAfter;
	}

	/**
	 * The HTTP status code of the response.
	 * @return the status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * The server's machine-readable error code, for example {@code operation.not_found}.
	 * @return the error code, or {@code null} when the body had none
	 */
	public @Nullable String errorCode() {
		return this.errorCode;
	}

	/**
	 * The request id, from the body or the {@code x-request-id} /
	 * {@code x-bctrl-request-id} header; quote it to bctrl support.
	 * @return the request id, or {@code null}
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/**
	 * The server's error details as plain Java values.
	 * @return the details, empty when there were none
	 */
	public Map<String, Object> details() {
		return this.details;
	}

	/**
	 * The start of the response body (at most a few hundred characters), useful when the
	 * body was not the documented JSON, for example an HTML page from a proxy.
	 * @return the body snippet, or {@code null} when the body was empty
	 */
	public @Nullable String bodySnippet() {
		return this.bodySnippet;
	}

	/**
	 * The server's {@code Retry-After} value, as sent (not clamped).
	 * @return the wait the server asked for, or empty
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * What the server said about an error, beyond its status: all optional. Built with
	 * {@link #builder()}; {@link #none()} when the answer carried nothing usable.
	 */
	public static final class ErrorInfo {

		private static final ErrorInfo NONE = builder().build();

		private final @Nullable String errorCode;

		private final @Nullable String requestId;

		private final Map<String, Object> details;

		private final @Nullable String bodySnippet;

		private final @Nullable Duration retryAfter;

		private ErrorInfo(Builder builder) {
			this.errorCode = builder.errorCode;
			this.requestId = builder.requestId;
			this.details = (builder.details != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(builder.details))
					: Map.of();
			this.bodySnippet = builder.bodySnippet;
			this.retryAfter = builder.retryAfter;
		}

		/**
		 * No error code, request id, details, body or {@code Retry-After}.
		 * @return the empty error info
		 */
		public static ErrorInfo none() {
			return NONE;
		}

		/**
		 * Start a builder with every value unset.
		 * @return a new builder
		 */
		public static Builder builder() {
			return new Builder();
		}

		/**
		 * Builder of {@link ErrorInfo}.
		 */
		public static final class Builder {

			private @Nullable String errorCode;

			private @Nullable String requestId;

			private @Nullable Map<String, Object> details;

			private @Nullable String bodySnippet;

			private @Nullable Duration retryAfter;

			private Builder() {
			}

			/**
			 * The server's error code, for example {@code operation.not_found}.
			 * @param errorCode the error code, or {@code null}
			 * @return this builder
			 */
			public Builder errorCode(@Nullable String errorCode) {
				this.errorCode = errorCode;
				return this;
			}

			/**
			 * The server's request id.
			 * @param requestId the request id, or {@code null}
			 * @return this builder
			 */
			public Builder requestId(@Nullable String requestId) {
				this.requestId = requestId;
				return this;
			}

			/**
			 * The server's error details as plain Java values; copied.
			 * @param details the details, or {@code null}
			 * @return this builder
			 */
			public Builder details(@Nullable Map<String, Object> details) {
				this.details = details;
				return this;
			}

			/**
			 * The start of the response body.
			 * @param bodySnippet the body snippet, or {@code null}
			 * @return this builder
			 */
			public Builder bodySnippet(@Nullable String bodySnippet) {
				this.bodySnippet = bodySnippet;
				return this;
			}

			/**
			 * The server's {@code Retry-After} value as sent.
			 * @param retryAfter the wait asked for, or {@code null}
			 * @return this builder
			 */
			public Builder retryAfter(@Nullable Duration retryAfter) {
				this.retryAfter = retryAfter;
				return this;
			}

			/**
			 * Build the error info.
			 * @return the error info
			 */
			public ErrorInfo build() {
				return new ErrorInfo(this);
			}

		}

	}

}
