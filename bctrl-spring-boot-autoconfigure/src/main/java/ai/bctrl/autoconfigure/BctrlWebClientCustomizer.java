package ai.bctrl.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@link WebClient.Builder} of the auto-configured
 * {@link ai.bctrl.operations.OperationsClient}, and only that one: other
 * {@code WebClient}s of the application are not affected, and {@code WebClientCustomizer}
 * beans do not see this builder twice.
 *
 * <p>
 * Customizers are applied in {@link org.springframework.core.Ordered order} to a clone of
 * Boot's {@code WebClient.Builder} (or to {@link WebClient#builder()} without Boot's
 * WebClient support), for example to add a filter or a default header. The client then
 * sets its own base URL, {@code Authorization}, {@code Accept} and {@code User-Agent}
 * headers, codec size limit and Reactor Netty connector, so those cannot be changed here;
 * filters and other settings are kept.
 */
@FunctionalInterface
public interface BctrlWebClientCustomizer {

	/**
	 * Customize the builder of the bctrl operations client.
	 * @param webClientBuilder the builder to customize
	 */
	void customize(WebClient.Builder webClientBuilder);

}
