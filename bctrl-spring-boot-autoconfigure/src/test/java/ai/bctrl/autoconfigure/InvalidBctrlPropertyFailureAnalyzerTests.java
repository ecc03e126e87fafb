package ai.bctrl.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.mock.env.MockEnvironment;

import ai.bctrl.operations.OperationsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for the startup checks of the {@code bctrl.api.*} properties and
 * {@link InvalidBctrlPropertyFailureAnalyzer}: the application fails to start, and the
 * report names the property, the value, the accepted range and the fix, and never the API
 * key.
 */
class InvalidBctrlPropertyFailureAnalyzerTests {

	private static final String SECRET_KEY = "sk-live-7d3b9e55c0a14f2b";

	private final AtomicReference<Environment> environment = new AtomicReference<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OperationsClientAutoConfiguration.class))
		.withInitializer((context) -> {
			// Independent of a BCTRL_API_KEY variable of the machine running the tests.
			context.getEnvironment()
				.getPropertySources()
				.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
			this.environment.set(context.getEnvironment());
		});

	@Test
	void failsToStartWithoutApiKey() {
		this.contextRunner.run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("No bctrl API key is configured")
				.contains("BCTRL_API_KEY")
				.contains("bctrl.api.key");
			assertThat(analysis.getAction()).contains("Set the BCTRL_API_KEY environment variable")
				.contains("'bctrl.api.key' property")
				.contains("bctrl.api.enabled");
		});
	}

	@Test
	void failsToStartWithBlankApiKey() {
		this.contextRunner.withPropertyValues("bctrl.api.key=   ").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("No bctrl API key is configured");
			assertThat(analysis.getAction()).contains("BCTRL_API_KEY").contains("bctrl.api.key");
		});
	}

	@Test
	void failsToStartWithPlainHttpToRemoteHost() {
		this.contextRunner
			.withPropertyValues("bctrl.api.key=" + SECRET_KEY, "bctrl.api.base-url=http://bctrl.example.com")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Invalid value 'http://bctrl.example.com' for property 'bctrl.api.base-url'")
					.contains("clear text");
				assertThat(analysis.getAction()).contains("https").contains("bctrl.api.allow-insecure-http");
				assertThatKeyIsNotShown(context, analysis);
			});
	}

	@Test
	void startsWithPlainHttpToRemoteHostWhenInsecureHttpIsAllowed() {
		this.contextRunner
			.withPropertyValues("bctrl.api.key=" + SECRET_KEY, "bctrl.api.base-url=http://bctrl.example.com",
					"bctrl.api.allow-insecure-http=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OperationsClient.class));
	}

	@Test
	void startsWithPlainHttpToLoopbackHost() {
		this.contextRunner.withPropertyValues("bctrl.api.key=" + SECRET_KEY, "bctrl.api.base-url=http://localhost:8787")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(OperationsClient.class));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					base-url                                          | not a url                | an absolute http or https URL
					base-url                                          | ftp://api.bctrl.ai       | an absolute http or https URL
					base-url                                          | https://api.bctrl.ai?x=1 | without query or fragment
					base-url                                          | /v1                      | an absolute http or https URL
					connect-timeout                                   | 0                        | a duration between 1ms and 24d
					attempt-timeout                                   | -1s                      | a positive duration
					attempt-timeout                                   | 0s                       | a positive duration
					deadline                                          | -30s                     | a positive duration
					max-response-size                                 | 0B                       | a size between 1B and 2047MB
					max-response-size                                 | 3GB                      | a size between 1B and 2047MB
					base-url                                          | https://u:p@api.bctrl.ai | without user info
					retry.max-attempts                                | 0                        | an integer between 1 and 10
					retry.max-attempts                                | 11                       | an integer between 1 and 10
					retry.budget.capacity                             | 0                        | an integer of at least 1
					retry.budget.retry-cost                           | 0                        | an integer of at least 1
					retry.budget.timeout-retry-cost                   | -1                       | an integer of at least 1
					bulk.max-pause                                    | 0s                       | a positive duration
					retry.initial-backoff                             | -200ms                   | a positive duration
					retry.multiplier                                  | 0.5                      | a number of at least 1.0
					retry.max-backoff                                 | 0ms                      | a positive duration
					retry.max-retry-after                             | -1s                      | a positive duration
					circuit-breaker.failure-rate-threshold            | 0                        | a percentage between 1 and 100
					circuit-breaker.failure-rate-threshold            | 101                      | a percentage between 1 and 100
					circuit-breaker.sliding-window-size               | 0                        | an integer of at least 1
					circuit-breaker.minimum-number-of-calls           | -1                       | an integer of at least 1
					circuit-breaker.wait-duration-in-open-state       | 0s                       | a duration of at least 1ms
					circuit-breaker.permitted-calls-in-half-open-state| 0                        | an integer of at least 1
					bulk.concurrency                                  | 0                        | an integer of at least 1
					""")
	void failsToStartWithInvalidValue(String property, String value, String requirement) {
		String name = "bctrl.api." + property;
		this.contextRunner.withPropertyValues("bctrl.api.key=" + SECRET_KEY, name + "=" + value).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.startsWith("Invalid value '" + value + "' for property '" + name + "'")
				.contains("it must be")
				.contains(requirement);
			assertThat(analysis.getAction()).startsWith("Set '" + name + "' to ").contains(requirement);
			assertThatKeyIsNotShown(context, analysis);
		});
	}

	@Test
	void namesTheOriginOfTheInvalidValue() {
		MockEnvironment environment = new MockEnvironment().withProperty("bctrl.api.retry.max-attempts", "0");
		InvalidBctrlPropertyException failure = InvalidBctrlPropertyException
			.invalidValue("bctrl.api.retry.max-attempts", 0, "an integer between 1 and 10");
		FailureAnalysis analysis = new InvalidBctrlPropertyFailureAnalyzer(environment).analyze(failure);
		assertThat(analysis.getDescription())
			.contains("(originating from '\"bctrl.api.retry.max-attempts\" from property source");
	}

	@Test
	void analyzesWithoutEnvironment() {
		InvalidBctrlPropertyException failure = InvalidBctrlPropertyException.invalidValue("bctrl.api.bulk.concurrency",
				0, "an integer of at least 1");
		FailureAnalysis analysis = new InvalidBctrlPropertyFailureAnalyzer(null).analyze(failure);
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid value '0' for property 'bctrl.api.bulk.concurrency': it must be an integer of at least 1.");
	}

	@Test
	void isRegisteredAsFailureAnalyzer() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class,
					ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
						.and(Environment.class, new MockEnvironment()),
					// As in Spring Boot: analyzers whose dependencies are absent are
					// skipped.
					(factoryType, factoryImplementationName, failure) -> {
					});
		assertThat(analyzers).hasAtLeastOneElementOfType(InvalidBctrlPropertyFailureAnalyzer.class);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void reportsMissingApiKeyWhenApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BctrlApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--bctrl.api.key=", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No bctrl API key is configured")
			.contains("Set the BCTRL_API_KEY environment variable, or the 'bctrl.api.key' property");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void neverPrintsApiKeyWhenApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BctrlApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--bctrl.api.key=" + SECRET_KEY,
				"--bctrl.api.retry.max-attempts=0", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '0' for property 'bctrl.api.retry.max-attempts' (originating from")
			.contains("Set 'bctrl.api.retry.max-attempts' to an integer between 1 and 10")
			.doesNotContain(SECRET_KEY);
	}

	private FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		FailureAnalysis analysis = new InvalidBctrlPropertyFailureAnalyzer(this.environment.get()).analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	private static void assertThatKeyIsNotShown(AssertableApplicationContext context, FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).doesNotContain(SECRET_KEY);
		assertThat(analysis.getAction()).doesNotContain(SECRET_KEY);
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET_KEY);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(OperationsClientAutoConfiguration.class)
	static class BctrlApplication {

	}

}
