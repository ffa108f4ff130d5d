/**
 * Implementation of the virtual engine's connection and channel. Public only for technical reasons: no compatibility
 * promise, and no other module may use it.
 */
@NullMarked
package io.kombu.core.virtual.internal;

import org.jspecify.annotations.NullMarked;
