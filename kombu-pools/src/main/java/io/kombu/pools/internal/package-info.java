/**
 * The pool engine shared by {@code io.kombu.pools}' connection, channel and producer pools. Public only for technical
 * reasons: no compatibility promise, and no other module may use it.
 */
@NullMarked
package io.kombu.pools.internal;

import org.jspecify.annotations.NullMarked;
