package io.kombu.serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers shared by the codec tests: ordered maps, resources, and a comparable form for byte arrays. */
public final class TestValues {
  private TestValues() {}

  /** @return a LinkedHashMap of the key/value pairs, in order */
  public static Map<Object, Object> map(Object... keysAndValues) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** @return a mutable list that may hold nulls */
  public static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  /** @return the bytes of a class-path resource */
  public static byte[] resource(String path) {
    try (InputStream in = TestValues.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces byte[] (which compare by identity) with a hex record and lists/maps/sets recursively, so that AssertJ's
   * equality compares values. Key order of maps is kept and compared separately where it matters.
   */
  public static Object comparable(Object value) {
    if (value instanceof byte[] bytes) {
      return new Hex(HexFormat.of().formatHex(bytes));
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(comparable(k), comparable(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(comparable(v)));
      return out;
    }
    if (value instanceof Set<?> s) {
      return s;
    }
    return value;
  }

  /** A byte array in comparable form. */
  public record Hex(String hex) {}
}
