package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.LongString;
import io.kombu.EncodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts AMQP header tables between plain Java values and what the RabbitMQ client writes, so that Python Kombu
 * (py-amqp) reads the same value a Java producer put in, and a Java consumer sees plain values instead of client types.
 *
 * <p>Outgoing: {@code Byte}, {@code Short} and {@code Long}/{@code BigInteger} within int32 become {@code Integer}
 * ({@code I}; py-amqp cannot read {@code s} and reads {@code b} unsigned); other longs stay 64-bit ({@code l}, or
 * {@code L} when negative, see {@link HeaderTagRewriter}); {@code Instant} becomes a timestamp; any {@code CharSequence},
 * {@code Character} or enum becomes a string; collections and arrays become field arrays; maps become tables.
 *
 * <p>Incoming: long strings become {@code String} (or {@code byte[]} when not UTF-8, as py-amqp does), timestamps become
 * {@code Instant}, tables and arrays are converted recursively into {@code LinkedHashMap} and {@code ArrayList}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class HeaderValues {
  private HeaderValues() {}

  /**
   * @param headers application headers as the user gave them
   * @return the table to hand to the RabbitMQ client
   * @throws EncodeException when a value has a type AMQP tables cannot carry
   */
  public static Map<String, Object> toWire(Map<String, ?> headers) {
    if (headers.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> out.put(k, toWireValue(k, v)));
    return out;
  }

  private static @Nullable Object toWireValue(String name, @Nullable Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Double
        || v instanceof Float || v instanceof Date || v instanceof byte[] || v instanceof LongString) {
      return v;
    }
    if (v instanceof Byte || v instanceof Short) {
      return ((Number) v).intValue();
    }
    if (v instanceof Long) {
      long l = (Long) v;
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.bitLength() > 63) {
        throw new EncodeException("header " + name + " = " + b + " does not fit in 64 bits, the largest AMQP integer;"
            + " send it as a string instead");
      }
      return toWireValue(name, b.longValue());
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      if (d.scale() < 0) {
        d = d.setScale(0);
      }
      if (d.scale() > 255 || d.unscaledValue().bitLength() > 31) {
        throw new EncodeException("header " + name + " = " + v + " does not fit an AMQP decimal (32-bit unscaled value,"
            + " scale 0..255); send it as a string or a double instead");
      }
      return d;
    }
    if (v instanceof Instant) {
      return Date.from((Instant) v);
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return v.toString();
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    if (v instanceof Map) {
      Map<String, Object> table = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new EncodeException("header " + name + " holds a map with a key of type "
              + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + "; AMQP tables need string keys");
        }
        String key = (String) e.getKey();
        table.put(key, toWireValue(name + "." + key, e.getValue()));
      }
      return table;
    }
    if (v instanceof Collection) {
      List<Object> array = new ArrayList<>();
      for (Object item : (Collection<?>) v) {
        array.add(toWireValue(name + "[]", item));
      }
      return array;
    }
    if (v instanceof Object[]) {
      List<Object> array = new ArrayList<>();
      for (Object item : (Object[]) v) {
        array.add(toWireValue(name + "[]", item));
      }
      return array;
    }
    throw new EncodeException("header " + name + " has a value of type " + v.getClass().getName()
        + ", which an AMQP table cannot carry; use String, a number, Boolean, Instant, byte[], a List or a Map");
  }

  /**
   * @param table a table {@link #toWire} made, or null
   * @return whether it holds, at any depth, a negative integer outside int32, which py-amqp reads correctly only when
   *     its tag is rewritten (see {@link HeaderTagRewriter})
   */
  public static boolean holdsNegativeLong(@Nullable Map<String, Object> table) {
    if (table == null || table.isEmpty()) {
      return false;
    }
    for (Object v : table.values()) {
      if (holdsNegativeLongValue(v)) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static boolean holdsNegativeLongValue(@Nullable Object v) {
    if (v instanceof Long) {
      return (Long) v < 0;
    }
    if (v instanceof Map) {
      return holdsNegativeLong((Map<String, Object>) v);
    }
    if (v instanceof List) {
      for (Object item : (List<?>) v) {
        if (holdsNegativeLongValue(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * @param table a table the RabbitMQ client read, or null
   * @return plain Java values, in the table's order
   */
  public static Map<String, Object> fromWire(@Nullable Map<String, Object> table) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (table != null) {
      table.forEach((k, v) -> out.put(k, fromWireValue(v)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object fromWireValue(@Nullable Object v) {
    if (v instanceof LongString) {
      return text(((LongString) v).getBytes());
    }
    if (v instanceof Date) {
      return ((Date) v).toInstant();
    }
    if (v instanceof Map) {
      return fromWire((Map<String, Object>) v);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) v) {
        out.add(fromWireValue(item));
      }
      return out;
    }
    return v;
  }

  private static Object text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return bytes;
    }
  }
}
