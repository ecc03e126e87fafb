package ai.bctrl.test.autoconfigure;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestContextManager;

import ai.bctrl.autoconfigure.BctrlConnectionDetails;
import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BctrlRealApiGuard}: a test context without
 * {@link AutoConfigureBctrlEmulator} never reaches the real API by accident.
 */
class BctrlRealApiGuardTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(
				(context) -> new BctrlRealApiGuard.Customizer("com.example.JobTests").customizeContext(context, null))
		.withBean("operationsClient", OperationsClient.class, () -> {
			throw new IllegalStateException("The guard must decide before any client is created");
		}, (definition) -> definition.setLazyInit(true));

	@Test
	void failsWithoutAKeyNamingTheAnnotation() {
		this.contextRunner.withPropertyValues("bctrl.api.key=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("No bctrl API key")
				.hasMessageContaining("com.example.JobTests")
				.hasMessageContaining("Add @AutoConfigureBctrlEmulator to the test class");
		});
	}

	@Test
	void failsWhenAKeyWouldBeSentToTheRealApi() {
		this.contextRunner.withPropertyValues("bctrl.api.key=sk-live-123").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("at https://api.bctrl.ai")
				.hasMessageContaining("@AutoConfigureBctrlEmulator")
				.hasMessageContaining("bctrl.test.allow-real-api=true")
				.hasMessageNotContaining("sk-live-123");
		});
	}

	@Test
	void failsWhenTheBaseUrlIsAnotherHost() {
		this.contextRunner
			.withPropertyValues("bctrl.api.key=sk-live-123", "bctrl.api.base-url=https://staging.bctrl.example")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("at https://staging.bctrl.example"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8787", "http://localhost:9000", "http://[::1]:8787",
			"http://emulator.localhost" })
	void startsWhenTheBaseUrlIsThisMachine(String baseUrl) {
		this.contextRunner.withPropertyValues("bctrl.api.key=k", "bctrl.api.base-url=" + baseUrl)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startsWhenTheRealApiIsAllowedOnPurpose() {
		this.contextRunner.withPropertyValues("bctrl.api.key=sk-live-123", "bctrl.test.allow-real-api=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsWhenTheApplicationsConnectionDetailsPointAtAnotherHost() {
		this.contextRunner.withBean(BctrlConnectionDetails.class, () -> details("https://api.bctrl.ai"))
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("would call the bctrl API at https://api.bctrl.ai")
				.hasMessageContaining("BctrlConnectionDetails")
				.hasMessageContaining("com.example.JobTests"));
	}

	@Test
	void startsWithConnectionDetailsOfThisMachineAndNoKeyProperty() {
		this.contextRunner.withPropertyValues("bctrl.api.key=")
			.withBean(BctrlConnectionDetails.class, () -> details("http://127.0.0.1:8787"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void leavesContextsWithoutAClientAlone() {
		new ApplicationContextRunner().withInitializer(
				(context) -> new BctrlRealApiGuard.Customizer("com.example.WebTests").customizeContext(context, null))
			.withPropertyValues("bctrl.api.key=")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsASpringBootTestWithoutTheAnnotationThatWouldReachTheRealApi() {
		TestContextManager manager = new TestContextManager(RealApiTestCase.class);
		assertThatIllegalStateException().isThrownBy(() -> manager.prepareTestInstance(new RealApiTestCase()))
			.havingRootCause()
			.withMessageContaining("would call the bctrl API at https://api.bctrl.ai")
			.withMessageContaining(RealApiTestCase.class.getName());
	}

	@Test
	void startsASpringBootTestWithoutTheAnnotationThatOptsIn() throws Exception {
		TestContextManager manager = new TestContextManager(OptedInTestCase.class);
		manager.prepareTestInstance(new OptedInTestCase());
		assertThat(manager.getTestContext().getApplicationContext().getBean(OperationsClient.class)).isNotNull();
	}

	private static BctrlConnectionDetails details(String baseUrl) {
		return new BctrlConnectionDetails() {

			@Override
			public URI baseUrl() {
				return URI.create(baseUrl);
			}

			@Override
			public String apiKey() {
				return "sk-live-123";
			}

		};
	}

	@Test
	void guardsAreEqualSoThatTheyNeverSplitTheContextCache() {
		assertThat(new BctrlRealApiGuard.Customizer("a.FirstTests"))
			.isEqualTo(new BctrlRealApiGuard.Customizer("b.SecondTests"))
			.hasSameHashCodeAs(new BctrlRealApiGuard.Customizer("b.SecondTests"));
	}

	@SpringBootTest(classes = UserApplication.class, properties = "bctrl.api.key=sk-live-123")
	static class RealApiTestCase {

	}

	@SpringBootTest(classes = UserApplication.class,
			properties = { "bctrl.api.key=sk-live-123", "bctrl.test.allow-real-api=true" })
	static class OptedInTestCase {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UserApplication {

	}

}
