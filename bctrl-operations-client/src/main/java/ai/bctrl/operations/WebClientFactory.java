package ai.bctrl.operations;

import java.util.List;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the client's {@link WebClient}: the application's builder (cloned) or a new one,
 * the connector, the response size limit and the default headers. The key is not among
 * them: the {@link AuthorizingConnector} sets it beneath every filter and log.
 */
final class WebClientFactory {

	/**
	 * Connections of the client's own pool when {@code cancelAll} asks for fewer: as many
	 * as Reactor Netty's global pool holds.
	 */
	static final int MIN_POOL_CONNECTIONS = 500;

	private WebClientFactory() {
	}

	static WebClient create(OperationsClient.Builder builder) {
		OperationsClientSettings settings = builder.settings;
		ClientHttpConnector connector = (builder.clientConnector != null) ? builder.clientConnector
				: defaultConnector(settings);
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		return webClientBuilder.clientConnector(new AuthorizingConnector(connector, settings.apiKey()))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize((int) settings.maxResponseSize()))
			.defaultHeaders((headers) -> {
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set(HttpHeaders.USER_AGENT, "bctrl-spring-boot/" + ClientVersion.get());
			})
			.build();
	}

	/**
	 * Reactor Netty on a pool of the client's own: never fewer connections than
	 * {@code cancelAll} keeps in flight, and a call that finds them all busy waits for
	 * one (within its deadline) instead of failing because a pending queue is full.
	 * Redirects are not followed.
	 */
	private static ClientHttpConnector defaultConnector(OperationsClientSettings settings) {
		ConnectionProvider pool = ConnectionProvider.builder("bctrl-operations")
			.maxConnections(Math.max(MIN_POOL_CONNECTIONS, settings.bulk().concurrency()))
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(settings.deadline())
			.build();
		return new ReactorClientHttpConnector(HttpClient.create(pool)
			.followRedirect(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis()));
	}

}
