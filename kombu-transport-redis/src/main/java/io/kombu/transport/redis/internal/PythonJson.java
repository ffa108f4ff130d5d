package io.kombu.transport.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.core.virtual.EnvelopeJson;
import org.jspecify.annotations.Nullable;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it with default arguments, which is what Kombu stores in Redis:
 * separators {@code ", "} and {@code ": "}, every non-ASCII character escaped as {@code \\uhhhh} (surrogate pairs for
 * characters beyond the BMP), map insertion order, {@code NaN}/{@code Infinity} as Python spells them, floats in Python's
 * shortest {@code repr}. Reading accepts any valid JSON (Jackson), with Python's {@code NaN} and {@code Infinity}.
 *
 * <p>Writing is {@link EnvelopeJson}'s, shared by every virtual transport that stores JSON; this class adds reading.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class PythonJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private PythonJson() {}

  /**
   * @param value a map, list, string, number, boolean or null (nested)
   * @return Python's {@code json.dumps(value)}
   * @throws EncodeException for a value JSON cannot express
   */
  public static String dumps(@Nullable Object value) {
    return dumps(value, 256);
  }

  /**
   * @param value the value
   * @param capacity expected length of the text, so the builder does not grow while writing
   * @return the JSON text
   */
  public static String dumps(@Nullable Object value, int capacity) {
    return EnvelopeJson.write(value, capacity);
  }

  /**
   * @param text JSON text
   * @return the parsed value: maps keep key order; integers are Integer, Long or BigInteger by size
   * @throws DecodeException when it is not JSON
   */
  public static @Nullable Object loads(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new DecodeException("message stored in Redis is not valid JSON (" + e.getOriginalMessage()
          + "); it was not written by Kombu", e);
    }
  }
}
