/**
 * Kombu's serializers for Kombu-Java, found by core through {@link java.util.ServiceLoader}: {@code json} (default),
 * {@code msgpack}, {@code yaml} and decode-only {@code pickle}, each byte- or value-compatible with Python Kombu. See
 * {@link io.kombu.serialization.SerializationProvider}.
 */
@NullMarked
package io.kombu.serialization;

import org.jspecify.annotations.NullMarked;
