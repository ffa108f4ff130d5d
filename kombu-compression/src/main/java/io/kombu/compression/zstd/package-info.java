/**
 * Kombu's {@code application/zstd} codec (aliases {@code zstd}, {@code zstandard}) on zstd-jni.
 */
@NullMarked
package io.kombu.compression.zstd;

import org.jspecify.annotations.NullMarked;
