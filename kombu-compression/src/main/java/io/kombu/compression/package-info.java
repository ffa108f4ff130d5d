/**
 * Kombu's compression codecs for Kombu-Java, contributed to kombu-core by {@link
 * io.kombu.compression.CompressionProvider}. Each codec lives in its own package and may be constructed directly (for
 * example with another level) and registered explicitly.
 */
@NullMarked
package io.kombu.compression;

import org.jspecify.annotations.NullMarked;
