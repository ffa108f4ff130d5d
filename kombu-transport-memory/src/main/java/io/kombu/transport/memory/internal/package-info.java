/** The memory transport's store. Public only for technical reasons: no compatibility promise. */
@NullMarked
package io.kombu.transport.memory.internal;

import org.jspecify.annotations.NullMarked;
