package ai.bctrl.autoconfigure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import ai.bctrl.operations.BlockingOperationsClient;
import ai.bctrl.operations.Operation;

/**
 * A Spring MVC application whose controller calls the auto-configured
 * {@link BlockingOperationsClient}, and says what it got: the operation's status, or the
 * type of the exception the call threw; and on which thread it ran.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class BlockingMvcTestApplication {

	@RestController
	static class OperationsController {

		private final BlockingOperationsClient operations;

		OperationsController(BlockingOperationsClient operations) {
			this.operations = operations;
		}

		@GetMapping("/operations/{id}")
		ResponseEntity<String> get(@PathVariable String id) {
			String thread = "thread=" + (isVirtual(Thread.currentThread()) ? "virtual" : "platform");
			try {
				Operation operation = this.operations.get(id);
				return ResponseEntity.ok(operation.id() + " " + operation.status() + " " + thread);
			}
			catch (RuntimeException ex) {
				return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
					.body("thrown=" + ex.getClass().getName() + " " + thread);
			}
		}

		/** Thread.isVirtual() through reflection: the project compiles for Java 17. */
		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

}
