/**
 * Kombu's {@code application/x-gzip} codec (aliases {@code gzip}, {@code zlib}): a zlib stream (RFC 1950) made with the
 * JDK's {@link java.util.zip.Deflater}, exactly what Python's {@code zlib.compress} writes. Needs no extra library.
 */
@NullMarked
package io.kombu.compression.zlib;

import org.jspecify.annotations.NullMarked;
