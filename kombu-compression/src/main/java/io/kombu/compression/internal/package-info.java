/**
 * Shared machinery of kombu-compression: the bounded output buffer and read loop every decoder uses, and the codec
 * catalogue the provider probes. Public only so the codec packages can use it; no compatibility promise, and no other
 * module may depend on it.
 */
@NullMarked
package io.kombu.compression.internal;

import org.jspecify.annotations.NullMarked;
