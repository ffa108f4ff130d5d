package io.kombu.transport.mongo.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text as Python's {@code json.dumps} writes it with default arguments, which is how Kombu stores the envelope in
 * the {@code payload} field: separators {@code ", "} and {@code ": "}, non-ASCII characters escaped as {@code \\uhhhh},
 * map insertion order, floats in Python's {@code repr}. Reading accepts any JSON, plus Python's {@code NaN}/{@code
 * Infinity}.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class PythonJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  /**
   * @param value maps, lists, strings, numbers, booleans and nulls (nested)
   * @return Python's {@code json.dumps(value)}
   * @throws EncodeException for a value JSON cannot express
   */
  public static String dumps(@Nullable Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  /**
   * @param text JSON text
   * @return the parsed value: maps keep key order; integers are Integer, Long or BigInteger by size
   * @throws DecodeException when the text is not JSON
   */
  public static @Nullable Object loads(String text) {
    try {
      return normalize(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new DecodeException("message payload stored in MongoDB is not valid JSON (" + e.getOriginalMessage()
          + "); it was not written by Kombu", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object normalize(@Nullable Object v) {
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.bitLength() < 32) {
        return b.intValue();
      }
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (v instanceof Map) {
      ((Map<String, Object>) v).replaceAll((k, x) -> normalize(x));
      return v;
    }
    if (v instanceof List) {
      ((List<Object>) v).replaceAll(PythonJson::normalize);
      return v;
    }
    return v;
  }

  private static void write(StringBuilder sb, @Nullable Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof CharSequence || v instanceof Character) {
      writeString(sb, v.toString());
    } else if (v instanceof Boolean) {
      sb.append(((Boolean) v) ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float) {
      writeFloat(sb, ((Number) v).doubleValue());
    } else if (v instanceof BigDecimal) {
      writeFloat(sb, ((BigDecimal) v).doubleValue());
    } else if (v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        writeString(sb, key(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection) {
      writeList(sb, (Collection<?>) v);
    } else if (v instanceof Object[]) {
      writeList(sb, List.of((Object[]) v));
    } else {
      throw new EncodeException("cannot store a " + v.getClass().getName() + " in a MongoDB message payload: "
          + "headers and properties must be JSON values (maps, lists, strings, numbers, booleans, null)");
    }
  }

  private static String key(@Nullable Object k) {
    if (k == null) {
      return "null";
    }
    if (k instanceof Boolean) {
      return ((Boolean) k) ? "true" : "false";
    }
    return k.toString();
  }

  private static void writeList(StringBuilder sb, Collection<?> items) {
    sb.append('[');
    boolean first = true;
    for (Object o : items) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      write(sb, o);
    }
    sb.append(']');
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Python's float {@code repr}: shortest digits, exponent form below 1e-4 and from 1e16 on. */
  static void writeFloat(StringBuilder sb, double d) {
    if (Double.isNaN(d)) {
      sb.append("NaN");
      return;
    }
    if (Double.isInfinite(d)) {
      sb.append(d > 0 ? "Infinity" : "-Infinity");
      return;
    }
    if (d == 0) {
      sb.append(1 / d < 0 ? "-0.0" : "0.0");
      return;
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - bd.scale();
    if (d < 0) {
      sb.append('-');
    }
    if (exponent < -4 || exponent >= 16) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    } else if (exponent < 0) {
      sb.append("0.");
      sb.append("0".repeat(-exponent - 1)).append(digits);
    } else if (digits.length() > exponent + 1) {
      sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
    } else {
      sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
    }
  }
}
