package io.kombu.serialization.internal;

import io.kombu.EncodeException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Copies a value into the plain shapes PyYAML's {@code safe_dump} would see: maps with keys sorted ({@code
 * sort_keys=True}) when they are mutually comparable, lists, strings, integers, doubles, booleans, null, byte[] and
 * timestamps. Types {@code safe_dump} cannot represent (UUID, BigDecimal, arbitrary objects) are refused here, so
 * SnakeYAML's bean representer is never reached.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class PyYamlTree {
  /** A date or date-time already formatted as PyYAML writes it ({@code isoformat(' ')}). */
  public record Timestamp(String text) {}

  private PyYamlTree() {}

  /**
   * @param maxDepth deepest nesting of maps and lists allowed
   * @return the plain copy
   * @throws EncodeException for a type YAML's safe dumper cannot write, or nesting beyond {@code maxDepth}
   */
  public static @Nullable Object of(@Nullable Object value, int maxDepth) {
    return copy(value, 0, maxDepth);
  }

  private static @Nullable Object copy(@Nullable Object value, int depth, int maxDepth) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Double
        || value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof byte[]) {
      return value;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    if (value instanceof Short || value instanceof Byte || value instanceof AtomicInteger
        || value instanceof AtomicLong) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return Double.parseDouble(Float.toString(f));
    }
    if (value instanceof Map<?, ?> map) {
      check(depth + 1, maxDepth);
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      if (sortable(entries)) {
        entries.sort(Comparator.comparing(e -> (String) e.getKey(), PyYamlTree::compareCodePoints));
      }
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : entries) {
        out.put(copy(entry.getKey(), depth + 1, maxDepth), copy(entry.getValue(), depth + 1, maxDepth));
      }
      return out;
    }
    if (value instanceof Collection<?> collection) {
      check(depth + 1, maxDepth);
      List<@Nullable Object> out = new ArrayList<>(collection.size());
      for (Object item : collection) {
        out.add(copy(item, depth + 1, maxDepth));
      }
      return out;
    }
    if (value.getClass().isArray()) {
      check(depth + 1, maxDepth);
      int length = Array.getLength(value);
      List<@Nullable Object> out = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        out.add(copy(Array.get(value, i), depth + 1, maxDepth));
      }
      return out;
    }
    return timestamp(value);
  }

  private static Timestamp timestamp(Object value) {
    try {
      if (value instanceof LocalDate d) {
        return new Timestamp(PythonTemporal.isoformat(d));
      }
      if (value instanceof LocalDateTime t) {
        return new Timestamp(PythonTemporal.isoformat(t, ' '));
      }
      if (value instanceof OffsetDateTime t) {
        return new Timestamp(PythonTemporal.isoformat(t, ' '));
      }
      if (value instanceof ZonedDateTime t) {
        return new Timestamp(PythonTemporal.isoformat(t.toOffsetDateTime(), ' '));
      }
      if (value instanceof Instant t) {
        return new Timestamp(PythonTemporal.isoformat(t.atOffset(ZoneOffset.UTC), ' '));
      }
      if (value instanceof Date t) {
        return new Timestamp(PythonTemporal.isoformat(t.toInstant().atOffset(ZoneOffset.UTC), ' '));
      }
    } catch (DateTimeException e) {
      throw new EncodeException("yaml cannot encode " + value + ": " + e.getMessage(), e);
    }
    throw new EncodeException(
        "yaml cannot encode a value of type "
            + value.getClass().getName()
            + ": PyYAML's safe_dump writes only maps, lists, strings, numbers, booleans, null, bytes, dates and"
            + " date-times; convert it first or use the json serializer");
  }

  /** PyYAML sorts keys and silently keeps the order when they cannot be compared; only strings are sorted here. */
  private static boolean sortable(List<Map.Entry<?, ?>> entries) {
    for (Map.Entry<?, ?> entry : entries) {
      if (!(entry.getKey() instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /** Python orders strings by code point; String.compareTo orders by UTF-16 unit, which differs above U+FFFF. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** @return true when a string (or map key) anywhere in a tree made by {@link #of} holds a backslash */
  public static boolean containsBackslash(@Nullable Object tree) {
    if (tree instanceof String s) {
      return s.indexOf('\\') >= 0;
    }
    if (tree instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (containsBackslash(e.getKey()) || containsBackslash(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (tree instanceof List<?> list) {
      for (Object item : list) {
        if (containsBackslash(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void check(int depth, int maxDepth) {
    if (depth > maxDepth) {
      throw new EncodeException(
          "yaml value nests deeper than " + maxDepth + " levels (is there a cycle?); flatten it or raise the limit");
    }
  }
}
