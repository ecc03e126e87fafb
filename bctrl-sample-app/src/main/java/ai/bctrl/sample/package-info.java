/**
 * A sample WebFlux application using the bctrl starter, against an embedded bctrl
 * emulator by default.
 */
package ai.bctrl.sample;
