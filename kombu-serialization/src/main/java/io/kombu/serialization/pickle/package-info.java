/** Decode-only reader for Kombu's {@code pickle} bodies holding plain Python data; never writes pickle. */
@NullMarked
package io.kombu.serialization.pickle;

import org.jspecify.annotations.NullMarked;
