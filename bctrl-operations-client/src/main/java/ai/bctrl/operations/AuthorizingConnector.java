package ai.bctrl.operations;

import java.net.URI;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * Sets {@code Authorization: Bearer <key>} on the wire request itself, just before it is
 * committed: beneath every {@code ExchangeFilterFunction} and the request-details logging
 * of {@code ExchangeFunctions}, which only see the {@code ClientRequest}, so nothing the
 * application configures on its {@code WebClient} can see or print the key.
 *
 * <p>
 * It also refuses a redirect the connector itself follows (a Reactor Netty
 * {@code HttpClient} with {@code followRedirect(true)}): the redirected request fails
 * before it is sent, so neither the key nor the call goes to another host.
 */
final class AuthorizingConnector implements ClientHttpConnector {

	private final ClientHttpConnector delegate;

	private final String authorization;

	AuthorizingConnector(ClientHttpConnector delegate, String apiKey) {
		this.delegate = delegate;
		this.authorization = "Bearer " + apiKey;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return this.delegate.connect(method, uri, (request) -> {
			String redirectedTo = redirectedTo(request);
			if (redirectedTo != null) {
				return Mono.error(new RedirectRefusedException(redirectedTo));
			}
			// Last before the headers are written: a filter's own Authorization cannot
			// replace it.
			request.beforeCommit(() -> {
				request.getHeaders().set(HttpHeaders.AUTHORIZATION, this.authorization);
				return Mono.empty();
			});
			return requestCallback.apply(request);
		});
	}

	private static @Nullable String redirectedTo(ClientHttpRequest request) {
		Object nativeRequest = request.getNativeRequest();
		if (nativeRequest instanceof HttpClientRequest reactorRequest && reactorRequest.redirectedFrom().length > 0) {
			return reactorRequest.resourceUrl();
		}
		return null;
	}

	/**
	 * The connector followed a redirect; the status it followed is no longer known.
	 */
	static final class RedirectRefusedException extends RuntimeException {

		private final String location;

		RedirectRefusedException(String location) {
			super("redirect to " + location + " refused", null, false, false);
			this.location = location;
		}

		String location() {
			return this.location;
		}

	}

}
