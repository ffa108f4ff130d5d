/**
 * Implementations of the {@code io.kombu} messaging interfaces: connection (lazy connect, retry, failover, ensure),
 * channel, producer, consumer, message and the simple queue. Internal: no compatibility promise; use {@code
 * io.kombu.core.Kombu} to obtain a connection.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.core.internal.messaging;
