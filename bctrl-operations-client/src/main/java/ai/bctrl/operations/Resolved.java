package ai.bctrl.operations;

import org.jspecify.annotations.Nullable;

/**
 * How the call of a {@link Step.Succeeded step} was resolved.
 *
 * @param call call
 * @param method method invoked
 * @param target target of the call
 * @param sessionId session id
 * @param contextId context id, or {@code null}
 * @param pageId page id, or {@code null}
 * @param handleId handle id, or {@code null}
 * @param ref reference, or {@code null}
 */
public record Resolved(String call, String method, String target, String sessionId, @Nullable String contextId,
		@Nullable String pageId, @Nullable String handleId, @Nullable String ref) {

}
