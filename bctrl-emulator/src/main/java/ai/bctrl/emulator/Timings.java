package ai.bctrl.emulator;

import java.time.Duration;

/**
 * How long operations stay in each state when the emulator moves them on by itself.
 *
 * @param queued time in {@code queued}
 * @param dispatching time in {@code dispatching}
 * @param running time in {@code running} before the outcome
 * @param cancelling time in {@code cancelling} before {@code cancelled}
 * @param autoProgress whether operations move on by themselves
 */
record Timings(Duration queued, Duration dispatching, Duration running, Duration cancelling, boolean autoProgress) {

	Duration timeIn(OperationState state) {
		return switch (state) {
			case QUEUED -> this.queued;
			case DISPATCHING -> this.dispatching;
			case RUNNING -> this.running;
			case CANCELLING -> this.cancelling;
			default -> throw new IllegalArgumentException(state + " is terminal");
		};
	}

}
