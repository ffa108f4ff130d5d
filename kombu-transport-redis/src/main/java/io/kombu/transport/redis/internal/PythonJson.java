package io.kombu.transport.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it with default arguments, which is what Kombu stores in Redis:
 * separators {@code ", "} and {@code ": "}, every non-ASCII character escaped as {@code \\uhhhh} (surrogate pairs for
 * characters beyond the BMP), map insertion order, {@code NaN}/{@code Infinity} as Python spells them, floats in Python's
 * shortest {@code repr}. Reading accepts any valid JSON (Jackson), with Python's {@code NaN} and {@code Infinity}.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class PythonJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

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
    StringBuilder sb = new StringBuilder(capacity);
    write(sb, value);
    return sb.toString();
  }

  /**
   * @param text JSON text
   * @return the parsed value: maps keep key order; integers that fit are Integer or Long
   * @throws DecodeException when it is not JSON
   */
  public static @Nullable Object loads(String text) {
    try {
      return normalize(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new DecodeException("message stored in Redis is not valid JSON (" + e.getOriginalMessage()
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
      Map<String, Object> m = (Map<String, Object>) v;
      m.replaceAll((k, x) -> normalize(x));
      return m;
    }
    if (v instanceof java.util.List) {
      java.util.List<Object> l = (java.util.List<Object>) v;
      l.replaceAll(PythonJson::normalize);
      return l;
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
      sb.append(floatRepr(((Number) v).doubleValue()));
    } else if (v instanceof BigDecimal) {
      sb.append(floatRepr(((BigDecimal) v).doubleValue()));
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
        writeString(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection) {
      writeList(sb, (Collection<?>) v);
    } else if (v instanceof Object[]) {
      writeList(sb, java.util.Arrays.asList((Object[]) v));
    } else if (v instanceof byte[]) {
      throw new EncodeException("raw bytes cannot be written into the Redis envelope JSON; encode them first");
    } else {
      throw new EncodeException("cannot write a " + v.getClass().getName() + " into the Redis envelope JSON; use "
          + "maps, lists, strings, numbers, booleans and null");
    }
  }

  private static void writeList(StringBuilder sb, Collection<?> list) {
    sb.append('[');
    boolean first = true;
    for (Object x : list) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      write(sb, x);
    }
    sb.append(']');
  }

  /** Python's {@code float.__repr__}: shortest round-trip digits, exponent form outside 1e-4 .. 1e16. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    // Double.toString gives the shortest digits that round-trip (JDK 19+ exactly; JDK 17 almost always).
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - bd.scale();
    String sign = d < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = bd.abs().toPlainString();
      return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
        + Math.abs(exponent);
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    // Runs of printable ASCII are copied in one append: envelopes are mostly long base64 bodies.
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, run, i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      }
      run = i + 1;
    }
    sb.append(s, run, s.length());
    sb.append('"');
  }
}
