/**
 * The in-process {@code memory://} transport: every memory connection in the JVM shares one broker (exchanges, bindings
 * and queues), with Kombu's virtual-transport semantics from {@code io.kombu.core.virtual}. Start from {@link
 * io.kombu.transport.memory.MemoryTransportProvider}.
 */
@NullMarked
package io.kombu.transport.memory;

import org.jspecify.annotations.NullMarked;
