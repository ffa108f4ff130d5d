/** Kombu's {@code json} serializer, byte-compatible with Python Kombu's {@code json.dumps}. */
@NullMarked
package io.kombu.serialization.json;

import org.jspecify.annotations.NullMarked;
