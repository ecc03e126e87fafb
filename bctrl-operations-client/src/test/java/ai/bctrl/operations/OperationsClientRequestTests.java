package ai.bctrl.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;

import static ai.bctrl.operations.WireTestSupport.API_KEY;
import static ai.bctrl.operations.WireTestSupport.BLOCK;
import static ai.bctrl.operations.WireTestSupport.MINIMAL_OPERATION;
import static ai.bctrl.operations.WireTestSupport.bodyOf;
import static ai.bctrl.operations.WireTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What goes over the wire for each call: method, path, headers and body, and how
 * operation ids are placed in the path.
 */
class OperationsClientRequestTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private MockWebServer server;

	private OperationsClient client;

	@BeforeEach
	void startServer() {
		this.server = WireTestSupport.startServer();
		this.client = WireTestSupport.client(this.server);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void cancelSendsPostToTheCancelPathWithoutBody() throws Exception {
		this.server.enqueue(json(MINIMAL_OPERATION));
		this.client.cancel("op-1").block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v1/operations/op-1/cancel");
		assertThat(bodyOf(request)).isEmpty();
		assertThat(request.getHeaders().get("Content-Type")).isNull();
	}

	@Test
	void getSendsGetToTheOperationPathWithoutBody() throws Exception {
		this.server.enqueue(json(MINIMAL_OPERATION));
		this.client.get("op-1").block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v1/operations/op-1");
		assertThat(bodyOf(request)).isEmpty();
		assertThat(request.getHeaders().get("Content-Type")).isNull();
	}

	@Test
	void awaitSendsPostToTheWaitPathWithTimeoutMsAsJson() throws Exception {
		this.server.enqueue(json("{\"operation\":" + MINIMAL_OPERATION + "}"));
		this.client.await("op-1", Duration.ofMillis(1500)).block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v1/operations/op-1/wait");
		assertThat(MediaType.parseMediaType(request.getHeaders().get("Content-Type"))
			.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)).isTrue();
		JsonNode body = this.jsonMapper.readTree(bodyOf(request));
		assertThat(body.propertyNames()).containsExactly("timeoutMs");
		assertThat(body.get("timeoutMs").isIntegralNumber()).isTrue();
		assertThat(body.get("timeoutMs").asLong()).isEqualTo(1500);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void everyCallSendsBearerKeyJsonAcceptAndUserAgent(String name,
			BiFunction<OperationsClient, String, Mono<Operation>> call) throws Exception {
		this.server.enqueue(json(MINIMAL_OPERATION));
		call.apply(this.client, "op-1").block(BLOCK);
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + API_KEY);
		assertThat(request.getHeaders().values("Accept")).containsExactly("application/json");
		assertThat(request.getHeaders().values("User-Agent"))
			.containsExactly("bctrl-spring-boot/" + ClientVersion.get());
	}

	@Test
	void userAgentCarriesTheProjectVersion() {
		assertThat(ClientVersion.get()).matches("[0-9]+\\.[0-9]+\\.[0-9]+(-[A-Za-z0-9.]+)?");
	}

	@Test
	void awaitAcceptsTheWrappedOperation() {
		this.server.enqueue(json("{\"operation\":" + MINIMAL_OPERATION + "}"));
		Operation operation = this.client.await("op-1", Duration.ofSeconds(1)).block(BLOCK);
		assertThat(operation.id()).isEqualTo("op-1");
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
	}

	@Test
	void awaitAcceptsABareOperation() {
		this.server.enqueue(json(MINIMAL_OPERATION));
		Operation operation = this.client.await("op-1", Duration.ofSeconds(1)).block(BLOCK);
		assertThat(operation.id()).isEqualTo("op-1");
		assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "-PT1S" })
	void awaitRefusesATimeoutThatIsNotPositiveBeforeAnyRequest(String timeout) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.await("op-1", Duration.parse(timeout)).block(BLOCK))
			.withMessageContaining("timeout");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void baseUrlPathIsKeptInFrontOfTheOperationsPath() throws Exception {
		String baseUrl = WireTestSupport.baseUrl(this.server) + "/bctrl/";
		OperationsClient prefixed = OperationsClient
			.builder(WireTestSupport.settings(this.server).baseUrl(baseUrl).build())
			.build();
		this.server.enqueue(json(MINIMAL_OPERATION));
		prefixed.get("op-1").block(BLOCK);
		assertThat(this.server.takeRequest().getTarget()).isEqualTo("/bctrl/v1/operations/op-1");
	}

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@ValueSource(strings = { "a/b", "../x", "a/b?c", "...", "./x", "a/../../b", "x?y=1", "x#frag", "#", "?", "%",
			"100%", "%2F", "a%2Fb", "%2e%2e", "a b", " leading and trailing ", "a+b", "a;b=c", "ü", "операция", "日本語",
			"😀", "tab\there", "line\nbreak", "\u00a0", "back\\slash", "{id}", "a:b@c" })
	void idStaysOneEncodedPathSegmentAndRoundTrips(String id) throws Exception {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(json(MINIMAL_OPERATION));
		}
		this.client.cancel(id).block(BLOCK);
		this.client.get(id).block(BLOCK);
		this.client.await(id, Duration.ofMillis(10)).block(BLOCK);
		assertSegment(this.server.takeRequest(), id, "cancel");
		assertSegment(this.server.takeRequest(), id, null);
		assertSegment(this.server.takeRequest(), id, "wait");
	}

	private static void assertSegment(RecordedRequest request, String id, String suffix) {
		String target = request.getTarget();
		assertThat(target).doesNotContain("?", "#", " ").startsWith("/v1/operations/");
		String[] segments = target.split("/", -1);
		int expected = (suffix != null) ? 5 : 4;
		assertThat(segments).as(target).hasSize(expected);
		String segment = segments[3];
		assertThat(segment).as(target).isNotEqualTo(".").isNotEqualTo("..");
		assertThat(segment).as(target).matches("[A-Za-z0-9\\-._~%]+");
		assertThat(UriUtils.decode(segment, StandardCharsets.UTF_8)).as(target).isEqualTo(id);
		if (suffix != null) {
			assertThat(segments[4]).isEqualTo(suffix);
		}
	}

	@ParameterizedTest(name = "[{index}] ''{0}''")
	@NullAndEmptySource
	@ValueSource(strings = { " ", "   ", "\t", "\n", " \r\n\t ", "\u2003" })
	void nullEmptyAndBlankIdsFailWithIllegalArgumentExceptionAndSendNothing(String id) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.cancel(id).block(BLOCK))
			.withMessageContaining("operationId");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.get(id).block(BLOCK))
			.withMessageContaining("operationId");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.await(id, Duration.ofSeconds(1)).block(BLOCK))
			.withMessageContaining("operationId");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.cancelAndAwait(id, Duration.ofSeconds(1)).block(BLOCK))
			.withMessageContaining("operationId");
		assertThat(this.server.getRequestCount()).isZero();
	}

	static Stream<Arguments> calls() {
		BiFunction<OperationsClient, String, Mono<Operation>> cancel = OperationsClient::cancel;
		BiFunction<OperationsClient, String, Mono<Operation>> get = OperationsClient::get;
		BiFunction<OperationsClient, String, Mono<Operation>> await = (client, id) -> client.await(id,
				Duration.ofMillis(10));
		return Stream.of(Arguments.of("cancel", cancel), Arguments.of("get", get), Arguments.of("await", await));
	}

}
