/**
 * Kombu's {@code application/x-brotli} codec (alias {@code brotli}) on brotli4j (JNI).
 */
@NullMarked
package io.kombu.compression.brotli;

import org.jspecify.annotations.NullMarked;
