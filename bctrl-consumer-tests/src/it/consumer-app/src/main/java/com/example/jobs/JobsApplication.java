package com.example.jobs;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

import ai.bctrl.operations.OperationStatus;
import ai.bctrl.operations.OperationsClient;

/**
 * An application as a user writes it: the starter on the class path, the client injected.
 */
@SpringBootApplication
public class JobsApplication {

	public static void main(String[] args) {
		SpringApplication.run(JobsApplication.class, args);
	}

	/**
	 * Stops a job by cancelling its bctrl operation.
	 */
	@Service
	public static class JobService {

		private final OperationsClient operations;

		public JobService(OperationsClient operations) {
			this.operations = operations;
		}

		public OperationStatus stop(String operationId) {
			return this.operations.cancel(operationId).block(Duration.ofSeconds(10)).status();
		}

	}

}
