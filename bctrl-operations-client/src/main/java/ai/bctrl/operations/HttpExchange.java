package ai.bctrl.operations;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One attempt on the wire: the request, the status mapped to an exception, the body
 * decoded. Every path reads (and so releases) the body.
 */
final class HttpExchange {

	private static final byte[] NO_BODY = new byte[0];

	private final WebClient webClient;

	private final ExceptionMapping failures;

	HttpExchange(WebClient webClient, ExceptionMapping failures) {
		this.webClient = webClient;
		this.failures = failures;
	}

	Mono<Operation> exchange(Call call, Function<byte[], Operation> decoder) {
		WebClient.RequestBodySpec request = this.webClient.method(call.method).uri(call.uri);
		if (call.body != null) {
			request.contentType(MediaType.APPLICATION_JSON);
			request.bodyValue(call.body);
		}
		return request.exchangeToMono((response) -> handle(call, response, decoder));
	}

	private Mono<Operation> handle(Call call, ClientResponse response, Function<byte[], Operation> decoder) {
		int status = response.statusCode().value();
		Mono<byte[]> body = response.bodyToMono(byte[].class).defaultIfEmpty(NO_BODY);
		if (response.statusCode().is2xxSuccessful()) {
			return body.map((bytes) -> decode(call, status, bytes, decoder));
		}
		HttpHeaders headers = response.headers().asHttpHeaders();
		if (response.statusCode().is3xxRedirection()) {
			return response.releaseBody()
				.then(Mono.error(() -> this.failures.redirect(call, status, headers.getFirst(HttpHeaders.LOCATION))));
		}
		// The status decides the exception: an error page too large to read (the codec
		// has released it) still reports its status and may be retried.
		return body.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(NO_BODY))
			.flatMap((bytes) -> Mono.error(this.failures.apiError(call, status, headers, bytes)));
	}

	private Operation decode(Call call, int status, byte[] body, Function<byte[], Operation> decoder) {
		try {
			return decoder.apply(body);
		}
		catch (RuntimeException ex) {
			throw this.failures.undecodable(call, status, ex);
		}
	}

}
