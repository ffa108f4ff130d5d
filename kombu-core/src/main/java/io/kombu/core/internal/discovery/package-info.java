/** ServiceLoader plumbing shared by core's registries. Internal: no compatibility promise. */
@NullMarked
package io.kombu.core.internal.discovery;

import org.jspecify.annotations.NullMarked;
