/**
 * The virtual-transport engine: AMQP's exchanges, bindings, queues, QoS and acknowledgements emulated on stores that only
 * keep lists (Kombu's {@code kombu.transport.virtual}). A virtual transport extends {@link
 * io.kombu.core.virtual.VirtualTransport} and implements the small storage contract {@link
 * io.kombu.core.virtual.MessageStore}; routing ({@link io.kombu.core.virtual.ExchangeRouting}, {@link
 * io.kombu.core.virtual.TopicPattern}), the stored message layout ({@link io.kombu.core.virtual.Envelope}), delivery tags,
 * prefetch and restore of unacknowledged messages live here once for every such transport.
 */
@NullMarked
package io.kombu.core.virtual;

import org.jspecify.annotations.NullMarked;
