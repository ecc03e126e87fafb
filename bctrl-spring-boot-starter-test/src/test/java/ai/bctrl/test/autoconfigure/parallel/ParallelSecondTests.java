package ai.bctrl.test.autoconfigure.parallel;

/**
 * One of several classes that run {@link ParallelEmulatorTestCase} at the same time.
 */
class ParallelSecondTests extends ParallelEmulatorTestCase {

}
