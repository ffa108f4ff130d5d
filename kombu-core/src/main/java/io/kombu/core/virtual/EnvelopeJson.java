package io.kombu.core.virtual;

import io.kombu.EncodeException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON exactly as Python's {@code json.dumps} does with default arguments, which is how Kombu stores envelopes
 * ({@link Envelope#toMap()}) in Redis lists and MongoDB documents: separators {@code ", "} and {@code ": "}, every
 * non-ASCII character escaped as {@code \\uhhhh} (surrogate pairs beyond the BMP), map insertion order, {@code NaN} and
 * {@code Infinity} as Python spells them, floats in Python's shortest {@code repr}. Python peers compare and deduplicate
 * these bytes, so every virtual transport that stores JSON writes it through here; reading is the transport's own job
 * (any JSON parser will do).
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class EnvelopeJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EnvelopeJson() {}

  /**
   * @param value a map, list, string, number, boolean or null (nested)
   * @return the JSON text
   * @throws EncodeException for any other value
   */
  public static String write(@Nullable Object value) {
    return write(value, 256);
  }

  /**
   * @param value the value
   * @param capacity expected length of the text, so the builder does not grow while writing
   * @return the JSON text
   * @throws EncodeException for a value JSON cannot hold
   */
  public static String write(@Nullable Object value, int capacity) {
    StringBuilder sb = new StringBuilder(capacity);
    write(sb, value);
    return sb.toString();
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
      throw new EncodeException("raw bytes cannot be written into a message envelope's JSON; encode them first");
    } else {
      throw new EncodeException("cannot write a " + v.getClass().getName() + " into a message envelope's JSON: "
          + "headers and properties must be maps, lists, strings, numbers, booleans or null");
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
  public static String floatRepr(double d) {
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
