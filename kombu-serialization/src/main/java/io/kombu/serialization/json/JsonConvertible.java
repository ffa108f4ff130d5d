package io.kombu.serialization.json;

import org.jspecify.annotations.Nullable;

/**
 * Lets an application type say how it is written to JSON, like the {@code __json__} hook Python Kombu honours. The
 * returned value is encoded in its place and may itself be anything {@link JsonSerializer} accepts.
 *
 * <p>Thread-safety: implementations decide; the serializer calls {@link #toJsonValue()} once per encode.
 */
@FunctionalInterface
public interface JsonConvertible {
  /** @return a Map, List, String, Number, Boolean, null or another value the JSON serializer accepts */
  @Nullable Object toJsonValue();
}
