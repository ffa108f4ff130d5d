package io.kombu.transport.mongo.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.core.virtual.EnvelopeJson;
import org.jspecify.annotations.Nullable;

/**
 * JSON text as Python's {@code json.dumps} writes it with default arguments, which is how Kombu stores the envelope in
 * the {@code payload} field: separators {@code ", "} and {@code ": "}, non-ASCII characters escaped as {@code \\uhhhh},
 * map insertion order, floats in Python's {@code repr}. Reading accepts any JSON, plus Python's {@code NaN}/{@code
 * Infinity}.
 *
 * <p>Writing is {@link EnvelopeJson}'s, shared by every virtual transport that stores JSON; this class adds reading.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class PythonJson {
  // Jackson already reads each integer as the smallest of Integer, Long and BigInteger that holds it.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

  private PythonJson() {}

  /**
   * @param value maps, lists, strings, numbers, booleans and nulls (nested)
   * @return Python's {@code json.dumps(value)}
   * @throws EncodeException for a value JSON cannot express
   */
  public static String dumps(@Nullable Object value) {
    return EnvelopeJson.write(value);
  }

  /**
   * @param text JSON text
   * @return the parsed value: maps keep key order; integers are Integer, Long or BigInteger by size
   * @throws DecodeException when the text is not JSON
   */
  public static @Nullable Object loads(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new DecodeException("message payload stored in MongoDB is not valid JSON (" + e.getOriginalMessage()
          + "); it was not written by Kombu", e);
    }
  }
}
