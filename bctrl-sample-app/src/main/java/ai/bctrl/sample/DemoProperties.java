package ai.bctrl.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application's demo and embedded emulator ({@code demo.*}).
 */
@ConfigurationProperties("demo")
public class DemoProperties {

	/**
	 * Whether to run the demo at startup. It runs only against the embedded emulator, so
	 * it never cancels a real operation.
	 */
	private boolean enabled = true;

	/**
	 * Whether to exit once the demo has run, with status 0 when it succeeded and 1 when
	 * it failed. No web server is started in this mode.
	 */
	private boolean exit;

	/**
	 * Longest time any one step of the demo may take before the demo fails.
	 */
	private Duration stepTimeout = Duration.ofSeconds(20);

	private final Emulator emulator = new Emulator();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isExit() {
		return this.exit;
	}

	public void setExit(boolean exit) {
		this.exit = exit;
	}

	public Duration getStepTimeout() {
		return this.stepTimeout;
	}

	public void setStepTimeout(Duration stepTimeout) {
		this.stepTimeout = stepTimeout;
	}

	public Emulator getEmulator() {
		return this.emulator;
	}

	/**
	 * Settings of the embedded emulator.
	 */
	public static class Emulator {

		/**
		 * Port of the embedded emulator; 0 picks a free one.
		 */
		private int port;

		/**
		 * Time a cancelled running operation stays cancelling before it is cancelled.
		 */
		private Duration cancellingDelay = Duration.ofMillis(300);

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public Duration getCancellingDelay() {
			return this.cancellingDelay;
		}

		public void setCancellingDelay(Duration cancellingDelay) {
			this.cancellingDelay = cancellingDelay;
		}

	}

}
