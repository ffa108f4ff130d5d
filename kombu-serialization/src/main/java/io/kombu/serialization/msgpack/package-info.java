/** Kombu's {@code msgpack} serializer, byte-compatible with Python's {@code msgpack.packb(use_bin_type=True)}. */
@NullMarked
package io.kombu.serialization.msgpack;

import org.jspecify.annotations.NullMarked;
