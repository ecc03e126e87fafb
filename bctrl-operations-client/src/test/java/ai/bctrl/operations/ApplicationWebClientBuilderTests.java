package ai.bctrl.operations;

import java.time.Duration;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.bodyOf;
import static ai.bctrl.operations.WireTestSupport.fixture;
import static ai.bctrl.operations.WireTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@link WebClient.Builder} (as Spring Boot provides it, with the
 * application's JSON settings) is the starting point of the client, but its JSON settings
 * must not change how the client reads and writes the bctrl API.
 */
class ApplicationWebClientBuilderTests {

	private final JsonMapper strictSnakeCase = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private MockWebServer server;

	@BeforeEach
	void startServer() {
		this.server = WireTestSupport.startServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void givenConnectorIsUsedInsteadOfTheClientsOwn() throws Exception {
		ReactorClientHttpConnector connector = new ReactorClientHttpConnector(
				HttpClient.create().headers((headers) -> headers.set("X-Own-Connector", "yes")));
		OperationsClient client = OperationsClient.builder(WireTestSupport.settings(this.server).build())
			.clientConnector(connector)
			.build();
		this.server.enqueue(json(WireTestSupport.MINIMAL_OPERATION));
		client.get("op-1").block(BLOCK);
		assertThat(this.server.takeRequest().getHeaders().get("X-Own-Connector")).isEqualTo("yes");
	}

	@Test
	void snakeCaseFailOnUnknownMapperOfTheBuilderDoesNotChangeDecoding() {
		String body = withUnknownField(fixture("operation-full.json"));
		OperationsClient plain = WireTestSupport.client(this.server);
		OperationsClient configured = clientFrom(applicationBuilder());
		this.server.enqueue(json(body));
		this.server.enqueue(json(body));
		Operation expected = plain.get("op-1").block(BLOCK);
		Operation actual = configured.get("op-1").block(BLOCK);
		assertThat(actual.workspaceId()).isEqualTo("9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d");
		assertThat(actual.createdAt()).isNotNull();
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void snakeCaseFailOnUnknownMapperOfTheBuilderDoesNotChangeTheWaitResponse() {
		String body = "{\"operation\":" + withUnknownField(fixture("operation-full.json")) + "}";
		this.server.enqueue(json(body));
		Operation operation = clientFrom(applicationBuilder()).await("op-1", Duration.ofMillis(10)).block(BLOCK);
		assertThat(operation.runtimeId()).isEqualTo("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
	}

	@Test
	void snakeCaseMapperOfTheBuilderDoesNotChangeTheWaitRequestBody() throws Exception {
		this.server.enqueue(json(WireTestSupport.MINIMAL_OPERATION));
		clientFrom(applicationBuilder()).await("op-1", Duration.ofMillis(250)).block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(JsonMapper.builder().build().readTree(bodyOf(request)))
			.isEqualTo(JsonMapper.builder().build().readTree("{\"timeoutMs\":250}"));
	}

	@Test
	void theApplicationsBuilderIsNotChanged() throws Exception {
		WebClient.Builder applicationBuilder = applicationBuilder();
		clientFrom(applicationBuilder);
		this.server.enqueue(json("{}"));
		applicationBuilder.build()
			.get()
			.uri(WireTestSupport.baseUrl(this.server) + "/elsewhere")
			.retrieve()
			.toBodilessEntity()
			.block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().get("Authorization")).isNull();
		assertThat(request.getHeaders().get("User-Agent")).doesNotStartWith("bctrl-spring-boot/");
	}

	@Test
	void defaultHeadersOfTheBuilderDoNotReplaceTheClientsHeaders() throws Exception {
		WebClient.Builder applicationBuilder = applicationBuilder().defaultHeader("Authorization", "Basic dXNlcjpwdw==")
			.defaultHeader("Accept", "application/xml")
			.defaultHeader("User-Agent", "my-app/1.0");
		this.server.enqueue(json(WireTestSupport.MINIMAL_OPERATION));
		clientFrom(applicationBuilder).get("op-1").block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + WireTestSupport.API_KEY);
		assertThat(request.getHeaders().values("Accept")).containsExactly("application/json");
		assertThat(request.getHeaders().values("User-Agent"))
			.containsExactly("bctrl-spring-boot/" + ClientVersion.get());
	}

	private WebClient.Builder applicationBuilder() {
		return WebClient.builder().codecs((codecs) -> {
			codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(this.strictSnakeCase));
			codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(this.strictSnakeCase));
		});
	}

	private OperationsClient clientFrom(WebClient.Builder builder) {
		return OperationsClient.builder(WireTestSupport.settings(this.server).build())
			.webClientBuilder(builder)
			.build();
	}

	private static String withUnknownField(String body) {
		ObjectNode operation = (ObjectNode) JsonMapper.builder().build().readTree(body);
		operation.put("addedInANewerVersion", true);
		return operation.toString();
	}

}
