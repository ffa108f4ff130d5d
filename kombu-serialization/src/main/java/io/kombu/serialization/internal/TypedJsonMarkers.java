package io.kombu.serialization.internal;

import io.kombu.DecodeException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns Kombu 5.3's {@code {"__type__": T, "__value__": V}} objects back into Java values.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class TypedJsonMarkers {
  /** Key naming the type of a marker object. */
  public static final String TYPE_KEY = "__type__";

  /** Key holding the encoded value of a marker object. */
  public static final String VALUE_KEY = "__value__";

  private static final java.util.Set<String> KNOWN_TYPES =
      java.util.Set.of("datetime", "date", "time", "decimal", "uuid", "bytes", "base64");

  private TypedJsonMarkers() {}

  /** @return true when the object has exactly the two marker keys, as Kombu's object hook checks */
  public static boolean isMarker(Map<String, @Nullable Object> object) {
    return object.size() == 2 && object.containsKey(TYPE_KEY) && object.containsKey(VALUE_KEY);
  }

  /**
   * @param marker an object for which {@link #isMarker} is true
   * @return the Java value: OffsetDateTime or LocalDateTime, LocalDate, LocalTime or OffsetTime, BigDecimal, UUID,
   *     byte[]
   * @throws DecodeException for an unknown type or a malformed value
   */
  public static Object decode(Map<String, @Nullable Object> marker) {
    Object type = marker.get(TYPE_KEY);
    Object value = marker.get(VALUE_KEY);
    try {
      if (!(type instanceof String name) || !KNOWN_TYPES.contains(name)) {
        throw new DecodeException(
            "json object has unknown __type__ "
                + (type instanceof String ? "\"" + type + "\"" : describe(type))
                + "; known types are datetime, date, time, decimal, uuid, bytes and base64");
      }
      if ("uuid".equals(name)) {
        return uuid(value);
      }
      if (!(value instanceof String text)) {
        throw new DecodeException(
            "json type marker " + name + " needs a string __value__, got " + describe(value));
      }
      return switch (name) {
        case "datetime" -> PythonTemporal.parseDateTime(text);
        case "date" -> PythonTemporal.parseDate(text);
        case "time" -> PythonTemporal.parseTime(text);
        case "decimal" -> new BigDecimal(text.strip());
        case "bytes" -> utf8(text);
        case "base64" -> Base64.getDecoder().decode(text);
        default -> throw new IllegalStateException("type checked above: " + name);
      };
    } catch (DateTimeException | IllegalArgumentException e) {
      // NumberFormatException (decimal) is an IllegalArgumentException too.
      throw new DecodeException("json type marker " + type + " has an invalid value: " + e.getMessage(), e);
    }
  }

  private static UUID uuid(@Nullable Object value) {
    if (!(value instanceof Map<?, ?> fields) || !(fields.get("hex") instanceof String hex)) {
      throw new DecodeException("json uuid marker needs a __value__ of the form {\"hex\": \"<32 hex digits>\"}");
    }
    String digits = hex.strip().replace("urn:", "").replace("uuid:", "").replace("{", "").replace("}", "");
    digits = digits.replace("-", "");
    if (digits.length() != 32 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new DecodeException("json uuid marker needs 32 hex digits, got \"" + hex + "\"");
    }
    return new UUID(
        Long.parseUnsignedLong(digits.substring(0, 16), 16), Long.parseUnsignedLong(digits.substring(16), 16));
  }

  private static byte[] utf8(String text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new DecodeException("json bytes marker holds text that is not valid Unicode", e);
    }
  }

  private static String describe(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
