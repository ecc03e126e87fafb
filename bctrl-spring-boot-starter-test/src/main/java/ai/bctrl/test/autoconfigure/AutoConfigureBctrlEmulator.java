package ai.bctrl.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import ai.bctrl.emulator.BctrlEmulator;

/**
 * Annotation for a test class that runs its application against a {@link BctrlEmulator}
 * instead of the real bctrl API. Works with {@code @SpringBootTest} and with test slices
 * such as {@code @WebFluxTest}, for which it also imports the {@code OperationsClient}
 * auto-configuration.
 *
 * <p>
 * Before the application context is refreshed, an emulator is started on a free loopback
 * port, and a {@code BctrlConnectionDetails} bean (named
 * {@code bctrlEmulatorConnectionDetails}) tells the client to connect to it with its key.
 * Connection details win over {@code bctrl.api.base-url} and {@code bctrl.api.key}
 * wherever those are set ({@code application.yml}, the environment,
 * {@code @SpringBootTest(properties = ...)}), so a test can never reach the real API by
 * accident; every other {@code bctrl.api.*} property keeps its value, and the properties
 * themselves are left as configured. The emulator is a bean named {@code bctrlEmulator}:
 * inject it to seed operations, inject faults and assert on the requests the client sent.
 * It is stopped when the context is closed.
 *
 * <p>
 * Test classes with the same annotation attributes (and otherwise the same configuration)
 * share one cached context, and so one emulator. To keep tests apart, the emulator is
 * {@linkplain BctrlEmulator#reset() reset} after each test method: its operations, faults
 * and request log are cleared. Seed what a test needs in the test itself or in a
 * {@code @BeforeEach} method.
 *
 * <p>
 * With JUnit Jupiter's parallel execution, test classes that carry this annotation never
 * run at the same time as each other, and the methods of such a class run one after the
 * other: the annotation is meta-annotated with
 * {@code @ResourceLock(}{@value #RESOURCE_LOCK}{@code )}, because tests sharing an
 * emulator would otherwise see (and reset) each other's operations. Other tests still run
 * in parallel with them. Put
 * {@code @ResourceLock(AutoConfigureBctrlEmulator.RESOURCE_LOCK)} on any other test that
 * uses the emulator bean.
 *
 * <p>
 * Test contexts <em>without</em> this annotation are guarded against the real API: if
 * they define an {@code OperationsClient}, they fail to start when no API key is
 * configured (naming this annotation) or when the base URL is not a loopback address,
 * unless {@code bctrl.test.allow-real-api=true} is set.
 *
 * <pre class="code">
 * &#064;SpringBootTest
 * &#064;AutoConfigureBctrlEmulator
 * class JobServiceTests {
 *
 *     &#064;Autowired
 *     BctrlEmulator emulator;
 *
 *     &#064;Autowired
 *     JobService jobs; // the code under test, which uses the OperationsClient
 *
 *     &#064;Test
 *     void stopCancelsTheOperation() {
 *         String id = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
 *         this.emulator.faults().next(1).status(503); // absorbed by the client's retry
 *
 *         Operation operation = this.jobs.stopAndConfirm(id).block(Duration.ofSeconds(10));
 *
 *         assertThat(operation.status()).isEqualTo(OperationStatus.CANCELLED);
 *         assertThat(this.emulator.operation(id)).hasValueSatisfying(
 *                 (snapshot) -&gt; assertThat(snapshot.state()).isEqualTo(OperationState.CANCELLED));
 *         assertThat(this.emulator.requests()).extracting(RecordedRequest::status).startsWith(503, 200);
 *     }
 *
 * }
 * </pre>
 *
 * @see BctrlEmulator
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@ResourceLock(AutoConfigureBctrlEmulator.RESOURCE_LOCK)
public @interface AutoConfigureBctrlEmulator {

	/**
	 * Key of the JUnit Jupiter resource lock held by every test class with this
	 * annotation.
	 */
	String RESOURCE_LOCK = "ai.bctrl.test.emulator";

	/**
	 * API key the emulator accepts; the client is configured with it.
	 * @return the API key
	 */
	String apiKey() default BctrlEmulator.DEFAULT_API_KEY;

	/**
	 * Time a cancelled running operation stays {@code cancelling} before it is
	 * {@code cancelled}, in Spring Boot's duration format ({@code 100ms}, {@code 2s},
	 * {@code PT0.5S}). Short by default to keep tests fast; make it longer to assert on
	 * the {@code cancelling} state.
	 * @return the cancelling delay
	 */
	String cancellingDelay() default "100ms";

	/**
	 * Whether operations move through their lifecycle by themselves (queued, dispatching,
	 * running for 5 s, then succeeded). When {@code false}, every operation stays in its
	 * seeded state until it is cancelled or {@linkplain BctrlEmulator#finish finished};
	 * per operation, see {@link ai.bctrl.emulator.Seed#frozen(boolean)}.
	 * @return whether operations progress by themselves
	 */
	boolean autoProgress() default true;

}
