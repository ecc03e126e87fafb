package ai.bctrl.operations;

/**
 * A binding created by a {@link Step.Succeeded step}.
 *
 * @param alias alias of the binding
 * @param id id of the bound object
 * @param type binding type ({@code page}, {@code context}, {@code handle},
 * {@code subscription})
 */
public record Binding(String alias, String id, String type) {

}
