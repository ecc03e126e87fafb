package ai.bctrl.operations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * DESIGN §5: a base URL with user info is refused at startup, and the refusal does not
 * print the password.
 */
class BaseUrlSecrecyTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://user:s3cr3t-pw@api.bctrl.ai", "https://user:s3cr3t-pw@api.bctrl.ai/x?y#z",
			"https://user:s3cr3t-pw@api bctrl.ai" })
	void aBaseUrlWithUserInfoIsRefusedWithoutPrintingIt(String baseUrl) {
		InvalidSettingException refused = catchThrowableOfType(InvalidSettingException.class,
				() -> OperationsClientSettings.builder().apiKey("k".repeat(20)).baseUrl(baseUrl).build());

		assertThat(refused.path()).isEqualTo("baseUrl");
		assertThat(refused.getMessage()).doesNotContain("s3cr3t-pw");
		assertThat(String.valueOf(refused.value())).doesNotContain("s3cr3t-pw");
	}

	@Test
	void aQueryOrFragmentIsRefused() {
		assertThat(catchThrowableOfType(InvalidSettingException.class,
				() -> OperationsClientSettings.builder()
					.apiKey("k".repeat(20))
					.baseUrl("https://a.example?x=1")
					.build()))
			.isNotNull();
		assertThat(catchThrowableOfType(InvalidSettingException.class,
				() -> OperationsClientSettings.builder().apiKey("k".repeat(20)).baseUrl("https://a.example#f").build()))
			.isNotNull();
	}

}
