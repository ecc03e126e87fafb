package ai.bctrl.operations;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Client of the bctrl operations API for imperative code, such as a Spring MVC controller
 * (on platform or virtual threads): the {@link OperationsClient} whose
 * {@link OperationsClient#blocking() blocking()} it is, each call blocking the calling
 * thread until it ends.
 *
 * <p>
 * Every call has the policy of the reactive client (attempt timeout, circuit breaker,
 * retries) and ends at the latest at its deadline. A failure is thrown as the
 * {@link BctrlException} subclass itself, not wrapped, for example
 * {@link OperationNotFoundException} for a 404; the calling thread's stack is attached to
 * it as a suppressed exception. The client must not be used on a non-blocking thread (a
 * Reactor Netty event loop, a {@code parallel} scheduler): such a call fails at once with
 * an {@link IllegalStateException}, before any request, instead of stalling the event
 * loop.
 */
public interface BlockingOperationsClient {

	/**
	 * Request cancellation of an operation; see {@link OperationsClient#cancel(String)}.
	 * @param operationId the operation id
	 * @return the operation as the server reports it after the request
	 * @throws BctrlException if the call fails
	 * @throws IllegalArgumentException if the id is {@code null} or blank
	 * @throws IllegalStateException if called on a non-blocking thread
	 */
	Operation cancel(String operationId);

	/**
	 * Read an operation; see {@link OperationsClient#get(String)}.
	 * @param operationId the operation id
	 * @return the operation
	 * @throws BctrlException if the call fails
	 * @throws IllegalArgumentException if the id is {@code null} or blank
	 * @throws IllegalStateException if called on a non-blocking thread
	 */
	Operation get(String operationId);

	/**
	 * Wait on the server for an operation to finish; see
	 * {@link OperationsClient#await(String, Duration)}.
	 * @param operationId the operation id
	 * @param timeout how long the server may wait; positive
	 * @return the operation when it finished or the timeout passed
	 * @throws BctrlException if the call fails
	 * @throws IllegalArgumentException if the id is {@code null} or blank, or the timeout
	 * is not positive
	 * @throws IllegalStateException if called on a non-blocking thread
	 */
	Operation await(String operationId, Duration timeout);

	/**
	 * Request cancellation, then wait until the operation is terminal or the timeout
	 * passes; see {@link OperationsClient#cancelAndAwait(String, Duration)}.
	 * @param operationId the operation id
	 * @param timeout how long to wait for a terminal status; positive
	 * @return the last known operation
	 * @throws BctrlException if the cancel request fails
	 * @throws IllegalArgumentException if the id is {@code null} or blank, or the timeout
	 * is not positive
	 * @throws IllegalStateException if called on a non-blocking thread
	 */
	Operation cancelAndAwait(String operationId, Duration timeout);

	/**
	 * Cancel many operations with bounded concurrency; see
	 * {@link OperationsClient#cancelAll(org.reactivestreams.Publisher)}. A failed id
	 * never aborts the batch: its result carries the error.
	 * @param operationIds the ids to cancel
	 * @return one result per id, in completion order
	 * @throws IllegalStateException if called on a non-blocking thread
	 */
	List<CancelResult> cancelAll(Collection<String> operationIds);

}
