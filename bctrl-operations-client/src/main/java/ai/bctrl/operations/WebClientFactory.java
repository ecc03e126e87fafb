package ai.bctrl.operations;

import java.util.List;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the client's {@link WebClient}: the application's builder (cloned) or a new one,
 * the connector, the response size limit and the default headers, the key among them.
 */
final class WebClientFactory {

	private WebClientFactory() {
	}

	static WebClient create(OperationsClient.Builder builder) {
		OperationsClientSettings settings = builder.settings;
		ClientHttpConnector connector = (builder.clientConnector != null) ? builder.clientConnector
				: new ReactorClientHttpConnector(HttpClient.create()
					.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis()));
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		return webClientBuilder.clientConnector(connector)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize((int) settings.maxResponseSize()))
			.defaultHeaders((headers) -> {
				headers.setBearerAuth(settings.apiKey());
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set(HttpHeaders.USER_AGENT, "bctrl-spring-boot/" + ClientVersion.get());
			})
			.build();
	}

}
