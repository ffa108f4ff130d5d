/**
 * An {@code application/x-snappy} codec (alias {@code snappy}) on snappy-java's framing format. Python Kombu has no snappy
 * codec: only Java consumers can read it.
 */
@NullMarked
package io.kombu.compression.snappy;

import org.jspecify.annotations.NullMarked;
