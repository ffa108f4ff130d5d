/**
 * Kombu's {@code application/x-bz2} codec (aliases {@code bzip2}, {@code bzip}) on Apache Commons Compress.
 */
@NullMarked
package io.kombu.compression.bzip2;

import org.jspecify.annotations.NullMarked;
