/**
 * Test support for applications that use the bctrl starter:
 * {@link AutoConfigureBctrlEmulator} runs a test's application against an embedded
 * {@link ai.bctrl.emulator.BctrlEmulator}.
 */
package ai.bctrl.test.autoconfigure;
