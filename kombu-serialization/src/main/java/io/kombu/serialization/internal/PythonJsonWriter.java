package io.kombu.serialization.internal;

import io.kombu.EncodeException;
import io.kombu.serialization.json.JsonConvertible;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON exactly as Kombu's {@code json.dumps} does: separators {@code ", "} and {@code ": "}, every character
 * outside printable ASCII escaped as lower-case {@code \}{@code uhhhh}, Python's float repr, {@code NaN} and
 * {@code Infinity} as bare words, and Kombu 5.3's {@code {"__type__": T, "__value__": V}} markers for dates, times,
 * UUIDs, decimals and bytes.
 *
 * <p>Thread-safety: not thread-safe; use one instance per encode.
 */
public final class PythonJsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(256);
  private final int maxDepth;

  /** @param maxDepth deepest nesting of maps and lists written before giving up (a cycle would never end) */
  public PythonJsonWriter(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * @return the JSON text of {@code value} as bytes; every character is ASCII, so each is one byte
   * @throws EncodeException when a value has no JSON form
   */
  public byte[] write(@Nullable Object value) {
    out.setLength(0);
    writeValue(value, 0);
    // Straight from the builder: going through a String would copy the text twice.
    int length = out.length();
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) out.charAt(i);
    }
    return bytes;
  }

  private void writeValue(@Nullable Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence s) {
      writeString(s);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Number n) {
      writeNumber(n);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map, depth + 1);
    } else if (value instanceof Collection<?> collection) {
      enter(depth + 1);
      out.append('[');
      boolean first = true;
      for (Object item : collection) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        writeValue(item, depth + 1);
      }
      out.append(']');
    } else if (value instanceof byte[] bytes) {
      writeBytes(bytes);
    } else if (value.getClass().isArray()) {
      enter(depth + 1);
      out.append('[');
      int length = Array.getLength(value);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          out.append(", ");
        }
        writeValue(Array.get(value, i), depth + 1);
      }
      out.append(']');
    } else if (value instanceof Character c) {
      writeString(String.valueOf(c));
    } else if (value instanceof JsonConvertible convertible) {
      enter(depth + 1);
      writeValue(convertible.toJsonValue(), depth + 1);
    } else if (value instanceof UUID uuid) {
      writeMarkerStart("uuid");
      out.append("{\"hex\": \"").append(uuid.toString().replace("-", "")).append("\"}}");
    } else {
      writeTemporal(value);
    }
  }

  private void writeTemporal(Object value) {
    try {
      if (value instanceof OffsetDateTime t) {
        writeMarker("datetime", PythonTemporal.isoformat(t, 'T'));
      } else if (value instanceof ZonedDateTime t) {
        writeMarker("datetime", PythonTemporal.isoformat(t.toOffsetDateTime(), 'T'));
      } else if (value instanceof Instant t) {
        writeMarker("datetime", PythonTemporal.isoformat(t.atOffset(ZoneOffset.UTC), 'T'));
      } else if (value instanceof Date t) {
        writeMarker("datetime", PythonTemporal.isoformat(t.toInstant().atOffset(ZoneOffset.UTC), 'T'));
      } else if (value instanceof LocalDateTime t) {
        writeMarker("datetime", PythonTemporal.isoformat(t, 'T'));
      } else if (value instanceof LocalDate t) {
        writeMarker("date", PythonTemporal.isoformat(t));
      } else if (value instanceof LocalTime t) {
        writeMarker("time", PythonTemporal.isoformat(t));
      } else if (value instanceof OffsetTime t) {
        writeMarker("time", PythonTemporal.isoformat(t));
      } else {
        throw new EncodeException(
            "json cannot encode a value of type "
                + value.getClass().getName()
                + ": pass a Map, List, String, Number, Boolean, null, byte[], UUID, BigDecimal or java.time value,"
                + " implement io.kombu.serialization.json.JsonConvertible, or choose another serializer");
      }
    } catch (DateTimeException e) {
      throw new EncodeException("json cannot encode " + value + ": " + e.getMessage(), e);
    }
  }

  private void writeMap(Map<?, ?> map, int depth) {
    enter(depth);
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      writeString(keyText(entry.getKey()));
      out.append(": ");
      writeValue(entry.getValue(), depth);
    }
    out.append('}');
  }

  /** Python's json coerces these key types to text and refuses the rest. */
  private static String keyText(@Nullable Object key) {
    if (key instanceof String s) {
      return s;
    }
    if (key == null) {
      return "null";
    }
    if (key instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (key instanceof Double || key instanceof Float) {
      return floatText(((Number) key).doubleValue());
    }
    if (isIntegral(key)) {
      return key.toString();
    }
    if (key instanceof CharSequence || key instanceof Character) {
      return key.toString();
    }
    throw new EncodeException(
        "json map keys must be strings, numbers, booleans or null, not " + key.getClass().getName());
  }

  private void writeNumber(Number n) {
    if (isIntegral(n)) {
      out.append(n.toString());
    } else if (n instanceof Double d) {
      out.append(floatText(d));
    } else if (n instanceof Float f) {
      // A float means the decimal it prints as (0.1f is 0.1, not 0.10000000149011612).
      out.append(floatText(Double.parseDouble(Float.toString(f))));
    } else if (n instanceof BigDecimal d) {
      writeMarker("decimal", d.toString());
    } else {
      throw new EncodeException(
          "json cannot encode a number of type " + n.getClass().getName() + ": convert it to Long, Double or BigDecimal");
    }
  }

  private static boolean isIntegral(Object n) {
    return n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte
        || n instanceof BigInteger
        || n instanceof AtomicInteger
        || n instanceof AtomicLong;
  }

  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return PythonFloatFormat.repr(d);
  }

  private void writeBytes(byte[] bytes) {
    try {
      CharBuffer text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      writeMarkerStart("bytes");
      writeString(text);
      out.append('}');
    } catch (CharacterCodingException notUtf8) {
      writeMarker("base64", Base64.getEncoder().encodeToString(bytes));
    }
  }

  private void writeMarker(String type, String value) {
    writeMarkerStart(type);
    writeString(value);
    out.append('}');
  }

  private void writeMarkerStart(String type) {
    out.append("{\"__type__\": \"").append(type).append("\", \"__value__\": ");
  }

  private void writeString(CharSequence s) {
    out.append('"');
    int n = s.length();
    int plain = plainPrefix(s, n);
    // Most strings need no escape at all: copy them in one go.
    out.append(s, 0, plain);
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= 0x20 && c <= 0x7e) {
            out.append(c);
          } else {
            out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]);
            out.append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          }
        }
      }
    }
    out.append('"');
  }

  /** @return how many leading characters are printable ASCII other than {@code "} and {@code \\} */
  private static int plainPrefix(CharSequence s, int n) {
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return i;
      }
    }
    return n;
  }

  private void enter(int depth) {
    if (depth > maxDepth) {
      throw new EncodeException(
          "json value nests deeper than " + maxDepth + " levels (is there a cycle?); flatten it or raise maxNestingDepth");
    }
  }
}
