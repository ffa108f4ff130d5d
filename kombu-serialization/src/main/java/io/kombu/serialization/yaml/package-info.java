/** Kombu's {@code yaml} serializer: PyYAML's safe dump and safe load on SnakeYAML 2, with limits against hostile input. */
@NullMarked
package io.kombu.serialization.yaml;

import org.jspecify.annotations.NullMarked;
