/**
 * Kombu-Java's engine. Start from {@code Kombu.connect(url)} (or {@code Kombu.builder()}) for a {@link io.kombu.Connection}.
 *
 * <p>This package also holds the registries the connection layer uses: {@link io.kombu.core.TransportRegistry} finds the
 * {@link io.kombu.spi.TransportProvider} for a URL's scheme, {@link io.kombu.core.SerializerRegistry} and {@link
 * io.kombu.core.CompressorRegistry} hold the codecs (found with {@link java.util.ServiceLoader} or registered explicitly),
 * and {@link io.kombu.core.BrokerUrls} parses and renders Kombu URLs. Everything under {@code internal} carries no
 * compatibility promise.
 */
@NullMarked
package io.kombu.core;

import org.jspecify.annotations.NullMarked;
