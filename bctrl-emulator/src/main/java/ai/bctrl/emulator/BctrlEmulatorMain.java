package ai.bctrl.emulator;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs the emulator standalone:
 * {@code java -jar bctrl-emulator-<version>-standalone.jar [--port 8787] [--host 127.0.0.1]
 * [--api-key KEY] [--control-token TOKEN] [--seed N]}. Bad arguments print the usage and
 * exit with status 2.
 */
public final class BctrlEmulatorMain {

	static final String USAGE = """
			Usage: java -jar bctrl-emulator-standalone.jar [options]

			A local stand-in for the bctrl operations API (cancel, get, wait).

			Options:
			  --port PORT      port to listen on (default 8787; 0 picks a free port)
			  --host ADDRESS   address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
			  --api-key KEY    API key clients send as 'Authorization: Bearer KEY' (default emulator-key)
			  --control-token TOKEN
			                   token the control API (/_emulator/) requires as 'Authorization: Bearer TOKEN';
			                   set it when other hosts can reach the emulator (default none)
			  --seed N         create N running operations that stay running until cancelled (default 0)
			  --help           show this help
			""";

	private BctrlEmulatorMain() {
	}

	/**
	 * Start the emulator and serve until the JVM is stopped.
	 * @param args the command-line arguments
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		int status = run(args, System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("Error: " + ex.getMessage());
			err.println();
			err.print(USAGE);
			return 2;
		}
		if (options.help()) {
			out.print(USAGE);
			return 0;
		}
		BctrlEmulator emulator = start(options, out, err);
		if (emulator == null) {
			return 1;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop, "bctrl-emulator-shutdown"));
		out.println("Press Ctrl+C to stop.");
		emulator.awaitStop();
		return 0;
	}

	/**
	 * Start the emulator and say where it listens.
	 * @return the running emulator, or {@code null} if it could not start (reported to
	 * {@code err})
	 */
	static BctrlEmulator start(Options options, PrintStream out, PrintStream err) {
		BctrlEmulator emulator = BctrlEmulator.builder()
			.host(options.host())
			.port(options.port())
			.apiKey(options.apiKey())
			.controlToken(options.controlToken())
			.build();
		try {
			emulator.start();
		}
		catch (RuntimeException ex) {
			// The message names the address and the cause, such as "Address already in
			// use".
			err.println("Cannot start the emulator: " + ex.getMessage());
			if (options.port() != 0) {
				err.println("Choose another port with --port, or --port 0 for a free one.");
			}
			return null;
		}
		out.println("bctrl emulator bound to " + emulator.boundAddress()
				+ (emulator.isReachableFromOtherHosts() ? " (reachable from other hosts)" : ""));
		out.println("Base URL: " + emulator.baseUrl());
		out.println("API key: " + emulator.apiKey() + " (send 'Authorization: Bearer " + emulator.apiKey() + "')");
		out.println("Control API: " + emulator.baseUrl() + "/_emulator/"
				+ (emulator.hasControlToken() ? " (send 'Authorization: Bearer <control token>')" : ""));
		if (emulator.isReachableFromOtherHosts() && !emulator.hasControlToken()) {
			err.println("WARNING: the control API (reset, faults, seeding) has no authentication and other hosts "
					+ "can reach this address; it refuses requests not addressed to localhost or " + options.host()
					+ ", which a remote client can still send. Set --control-token TOKEN.");
		}
		if (options.seed() > 0) {
			List<String> ids = emulator.seed(Seed.of(OperationState.RUNNING).count(options.seed()).frozen(true));
			out.println("Seeded " + ids.size() + " running operation(s), frozen until cancelled:");
			ids.forEach((id) -> out.println("  " + id));
		}
		return emulator;
	}

	/**
	 * Parsed command-line options.
	 *
	 * @param port the port
	 * @param host the bind address
	 * @param apiKey the API key
	 * @param seed how many running operations to seed
	 * @param controlToken the token the control API requires, or {@code null}
	 * @param help whether only the usage was asked for
	 */
	record Options(int port, String host, String apiKey, int seed, String controlToken, boolean help) {

		/**
		 * Parse {@code --name value} and {@code --name=value} options.
		 * @throws IllegalArgumentException naming the bad argument
		 */
		static Options parse(String[] args) {
			int port = BctrlEmulator.DEFAULT_PORT;
			String host = "127.0.0.1";
			String apiKey = BctrlEmulator.DEFAULT_API_KEY;
			int seed = 0;
			String controlToken = null;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (arg.equals("--help") || arg.equals("-h")) {
					return new Options(port, host, apiKey, seed, controlToken, true);
				}
				int equals = arg.indexOf('=');
				String name = (equals >= 0) ? arg.substring(0, equals) : arg;
				if (!List.of("--port", "--host", "--api-key", "--seed", "--control-token").contains(name)) {
					throw new IllegalArgumentException("unknown argument '" + arg + "'");
				}
				String value;
				if (equals >= 0) {
					value = arg.substring(equals + 1);
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					throw new IllegalArgumentException(name + " needs a value");
				}
				switch (name) {
					case "--port" -> port = number(name, value, 0, 65535);
					case "--seed" -> seed = number(name, value, 0, 10_000);
					case "--host" -> host = notBlank(name, value);
					case "--control-token" -> controlToken = notBlank(name, value);
					default -> apiKey = notBlank(name, value);
				}
			}
			return new Options(port, host, apiKey, seed, controlToken, false);
		}

		private static int number(String name, String value, int min, int max) {
			try {
				int number = Integer.parseInt(value);
				if (number >= min && number <= max) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// Reported below with the accepted range.
			}
			throw new IllegalArgumentException(
					name + " must be a whole number from " + min + " to " + max + " but was '" + value + "'");
		}

		private static String notBlank(String name, String value) {
			if (value.isBlank()) {
				throw new IllegalArgumentException(name + " must not be blank");
			}
			return value;
		}

	}

}
