package com.example.jobs;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

import ai.bctrl.emulator.BctrlEmulator;
import ai.bctrl.emulator.OperationState;
import ai.bctrl.emulator.Seed;
import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;
import ai.bctrl.test.autoconfigure.AutoConfigureBctrlEmulator;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureBctrlEmulator
class JobsApplicationTests {

	@Autowired
	private BctrlEmulator emulator;

	@Autowired
	private JobsApplication.JobService jobs;

	@Test
	void stopsAJobByCancellingItsOperationOnTheEmulator() {
		String running = this.emulator.seed(Seed.of(OperationState.RUNNING).frozen(true)).get(0);
		assertThat(this.jobs.stop(running)).isEqualTo(OperationStatus.CANCELLING);
		assertThat(this.emulator.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/operations/" + running + "/cancel");
		});
	}

	@Test
	void bctrlClassesComeFromTheStagedArtifacts() throws Exception {
		Path staged = Path.of(System.getProperty("staged.repository")).toRealPath();
		for (Class<?> type : new Class<?>[] { OperationsClient.class, BctrlEmulator.class,
				AutoConfigureBctrlEmulator.class, Class.forName("ai.bctrl.autoconfigure.OperationsClientAutoConfiguration") }) {
			Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath();
			assertThat(jar).as(type.getName()).startsWith(staged).hasExtension("jar");
		}
		System.out.println("bctrl consumer check on Spring Boot " + SpringBootVersion.getVersion() + ", Java "
				+ Runtime.version().feature() + ": bctrl artifacts read from " + staged);
	}

}
