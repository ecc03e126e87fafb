package ai.bctrl.boot41;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suites of this module prove something only if they run on the other Boot line: the
 * class path is Boot 4.1's, with the pinned Netty.
 */
class SpringBootLineTests {

	@Test
	void classPathIsSpringBoot41() {
		assertThat(SpringBootVersion.getVersion()).startsWith("4.1.");
	}

	@Test
	void nettyIsThePinnedVersion() {
		assertThat(Version.identify().get("netty-common").artifactVersion()).isEqualTo("4.2.18.Final");
	}

}
