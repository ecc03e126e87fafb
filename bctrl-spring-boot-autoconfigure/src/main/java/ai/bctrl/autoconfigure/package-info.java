/**
 * Auto-configuration of the bctrl {@link ai.bctrl.operations.OperationsClient}: the
 * {@code bctrl.api.*} properties, the client bean, its metrics, health contributor and
 * failure analysis.
 */
package ai.bctrl.autoconfigure;
