package ai.bctrl.sample;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import ai.bctrl.operations.CallOptions;
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

	/**
	 * What a request of this controller may spend on bctrl, retries included: a web
	 * caller does not wait for the client-wide deadline (30 s).
	 */
	static final CallOptions REQUEST_LIMITS = CallOptions.builder().deadline(Duration.ofSeconds(10)).build();

	private final OperationsClient operations;

	OperationsController(OperationsClient operations) {
		// Derived once: it shares the client's connections, breaker and retry.
		this.operations = operations.withOptions(REQUEST_LIMITS);
	}

	@PostMapping("/{id}/cancel")
	Mono<Operation> cancel(@PathVariable String id) {
		return this.operations.cancel(checked(id));
	}

	@GetMapping("/{id}")
	Mono<Operation> get(@PathVariable String id) {
		return this.operations.get(checked(id));
	}

	/**
	 * A blank id (such as {@code %20} or {@code %E3%80%80}) is the caller's mistake: a
	 * 400 problem detail, rather than the client's {@link IllegalArgumentException}.
	 */
	private static String checked(String id) {
		if (id.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The operation id must not be blank");
		}
		return id;
	}

}
