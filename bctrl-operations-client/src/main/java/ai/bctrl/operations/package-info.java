/**
 * The bctrl operations client: {@link ai.bctrl.operations.OperationsClient}, its
 * settings, the operation model and the exceptions. A plain Java library, usable without
 * Spring Boot. Every type is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package ai.bctrl.operations;

import org.jspecify.annotations.NullMarked;
