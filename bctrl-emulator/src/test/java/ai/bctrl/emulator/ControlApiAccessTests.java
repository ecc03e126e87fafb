package ai.bctrl.emulator;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may use the unauthenticated control API: never a web page in the developer's
 * browser (cross-site requests, DNS rebinding, forms), and with a control token only who
 * knows it.
 */
class ControlApiAccessTests {

	private BctrlEmulator emulator = BctrlEmulator.builder().port(0).build().start();

	@AfterEach
	void stop() {
		this.emulator.stop();
	}

	private String reset(String headers) throws IOException {
		return RawHttp.exchange(this.emulator,
				"POST /_emulator/reset HTTP/1.1\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:8787", "127.0.0.1", "[::1]:8787", "app.localhost" })
	void acceptsRequestsAddressedToThisMachine(String host) throws IOException {
		assertThat(reset("Host: " + host + "\r\n")).startsWith("HTTP/1.1 204");
	}

	@Test
	void refusesCrossSiteRequests() throws IOException {
		this.emulator.seed(OperationState.RUNNING);
		String response = reset("Host: localhost\r\nOrigin: https://evil.example\r\n");
		assertThat(response).startsWith("HTTP/1.1 403").contains("\"code\":\"control.forbidden\"");
		assertThat(this.emulator.operations()).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil.example", "evil.example:8787", "10.1.2.3:8787" })
	void refusesRequestsAddressedToAnotherHostAsDnsRebindingSends(String host) throws IOException {
		assertThat(reset("Host: " + host + "\r\n")).startsWith("HTTP/1.1 403")
			.contains("\"code\":\"control.forbidden\"");
	}

	@Test
	void refusesBodiesThatAreNotJson() throws IOException {
		String form = "status=running";
		String response = RawHttp.exchange(this.emulator,
				"POST /_emulator/operations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
						+ "Content-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form);
		assertThat(response).startsWith("HTTP/1.1 415").contains("application/json");
		assertThat(this.emulator.operations()).isEmpty();
	}

	@Test
	void requiresTheControlTokenWhenOneIsSet() throws IOException {
		this.emulator.stop();
		this.emulator = BctrlEmulator.builder().port(0).host("0.0.0.0").controlToken("s3cret").build().start();
		assertThat(reset("Host: 192.168.1.20:8787\r\n")).startsWith("HTTP/1.1 401");
		assertThat(reset("Host: localhost\r\nAuthorization: Bearer wrong\r\n")).startsWith("HTTP/1.1 401");
		assertThat(reset("Host: 192.168.1.20:8787\r\nAuthorization: Bearer s3cret\r\n")).startsWith("HTTP/1.1 204");
		assertThat(this.emulator.isReachableFromOtherHosts()).isTrue();
		assertThat(this.emulator.boundAddress()).startsWith("0.0.0.0:");
	}

	@Test
	void controlTokenIsNotNeededForTheApi() {
		this.emulator.stop();
		this.emulator = BctrlEmulator.builder().port(0).controlToken("s3cret").build().start();
		String id = this.emulator.seed(OperationState.RUNNING);
		assertThat(new EmulatorHttp(this.emulator).get("/v1/operations/" + id).status()).isEqualTo(200);
	}

}
