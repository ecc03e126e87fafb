package ai.bctrl.sample;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ai.bctrl.operations.Operation;
import ai.bctrl.operations.OperationsClient;

/**
 * Cancels and reads bctrl operations through the auto-configured
 * {@link OperationsClient}; failures become problem details in
 * {@link BctrlProblemDetailsHandler}.
 */
@RestController
@RequestMapping("/operations")
class OperationsController {

	private final OperationsClient operations;

	OperationsController(OperationsClient operations) {
		this.operations = operations;
	}

	@PostMapping("/{id}/cancel")
	Mono<Operation> cancel(@PathVariable String id) {
		return this.operations.cancel(id);
	}

	@GetMapping("/{id}")
	Mono<Operation> get(@PathVariable String id) {
		return this.operations.get(id);
	}

}
