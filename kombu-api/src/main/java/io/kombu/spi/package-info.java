/**
 * Contracts for the jars that plug into Kombu-Java, found with {@link java.util.ServiceLoader}: {@link
 * io.kombu.spi.TransportProvider} (one per broker family), {@link io.kombu.spi.SerializerProvider} and {@link
 * io.kombu.spi.CompressorProvider}. Native transports implement {@link io.kombu.spi.TransportChannel} themselves; virtual
 * ones implement only the storage contract of {@code io.kombu.core.virtual} and inherit routing, QoS and acks from core.
 */
@NullMarked
package io.kombu.spi;

import org.jspecify.annotations.NullMarked;
