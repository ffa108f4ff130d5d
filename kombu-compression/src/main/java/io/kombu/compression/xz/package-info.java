/**
 * Kombu's {@code application/x-lzma} codec (aliases {@code lzma}, {@code xz}) on XZ for Java: writes the .xz container
 * like Python's {@code lzma.compress}, reads .xz and legacy .lzma.
 */
@NullMarked
package io.kombu.compression.xz;

import org.jspecify.annotations.NullMarked;
