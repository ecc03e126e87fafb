package ai.bctrl.test.autoconfigure;

import java.net.URI;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;
import ai.bctrl.emulator.BctrlEmulator;

/**
 * {@link BctrlConnectionDetails} of a {@link BctrlEmulator}: the default client connects
 * to it with its key, whatever the properties say.
 */
final class EmulatorConnectionDetails implements BctrlConnectionDetails {

	private final BctrlEmulator emulator;

	EmulatorConnectionDetails(BctrlEmulator emulator) {
		this.emulator = emulator;
	}

	@Override
	public URI baseUrl() {
		return URI.create(this.emulator.baseUrl());
	}

	@Override
	public String apiKey() {
		return this.emulator.apiKey();
	}

}
