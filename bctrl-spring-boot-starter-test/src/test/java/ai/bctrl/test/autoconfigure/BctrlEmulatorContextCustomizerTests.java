package ai.bctrl.test.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.MergedContextConfiguration;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;
import ai.bctrl.emulator.BctrlEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link BctrlEmulatorContextCustomizer}.
 */
class BctrlEmulatorContextCustomizerTests {

	private final BctrlEmulatorContextCustomizer customizer = new BctrlEmulatorContextCustomizer("sk-test",
			Duration.ofMillis(10), true);

	@Test
	void startsAnEmulatorAndPointsTheConnectionDetailsAtIt() throws IOException {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customize(context);
			context.refresh();
			BctrlEmulator emulator = context.getBean(BctrlEmulator.class);
			assertThat(context.getBeanNamesForType(BctrlEmulator.class)).containsExactly("bctrlEmulator");
			assertThat(emulator.apiKey()).isEqualTo("sk-test");
			assertThat(isListening(emulator.port())).isTrue();
			BctrlConnectionDetails details = context.getBean(BctrlConnectionDetails.class);
			assertThat(context.getBeanNamesForType(BctrlConnectionDetails.class))
				.containsExactly("bctrlEmulatorConnectionDetails");
			assertThat(details.baseUrl()).hasToString(emulator.baseUrl());
			assertThat(details.apiKey()).isEqualTo("sk-test");
			assertThat(context.getEnvironment().getPropertySources().contains("bctrlEmulator")).isFalse();
		}
	}

	@Test
	void stopsTheEmulatorWhenTheContextCloses() throws IOException {
		int port;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			customize(context);
			context.refresh();
			port = context.getBean(BctrlEmulator.class).port();
			assertThat(isListening(port)).isTrue();
		}
		assertThat(isListening(port)).isFalse();
	}

	@Test
	void stopsTheEmulatorWhenTheContextFailsToRefresh() throws IOException {
		GenericApplicationContext context = new GenericApplicationContext();
		customize(context);
		int port = context.getBeanFactory().getBean(BctrlEmulator.class).port();
		context.registerBean("failing", String.class, () -> {
			throw new IllegalStateException("boom");
		});
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(context::refresh);
		assertThat(isListening(port)).isFalse();
	}

	private void customize(GenericApplicationContext context) {
		this.customizer.customizeContext(context, mock(MergedContextConfiguration.class));
	}

	private static boolean isListening(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
	}

}
