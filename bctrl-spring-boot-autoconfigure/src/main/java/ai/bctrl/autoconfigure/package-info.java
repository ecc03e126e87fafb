/**
 * Auto-configuration of the bctrl {@link ai.bctrl.operations.OperationsClient}: the
 * {@code bctrl.api.*} properties, the client bean, its metrics, health contributor and
 * failure analysis. Every type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package ai.bctrl.autoconfigure;

import org.jspecify.annotations.NullMarked;
