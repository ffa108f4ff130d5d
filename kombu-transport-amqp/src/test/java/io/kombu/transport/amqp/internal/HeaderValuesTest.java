package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.impl.LongStringHelper;
import io.kombu.EncodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HeaderValues")
class HeaderValuesTest {
  @Test
  @DisplayName("writes Byte, Short and int-sized longs as Integer, which py-amqp reads back as the same number")
  void narrowsIntegers() {
    Map<String, Object> wire = HeaderValues.toWire(Map.of("b", (byte) -3, "s", (short) -7, "l", -5L,
        "big", 1L << 40, "bi", BigInteger.valueOf(12), "bigbi", BigInteger.ONE.shiftLeft(50)));
    assertThat(wire).containsEntry("b", -3).containsEntry("s", -7).containsEntry("l", -5).containsEntry("big", 1L << 40)
        .containsEntry("bi", 12).containsEntry("bigbi", 1L << 50);
  }

  @Test
  @DisplayName("turns Instants into timestamps, text and enums into strings, collections and arrays into lists")
  void convertsJavaTypes() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("when", Instant.ofEpochSecond(5));
    in.put("sb", new StringBuilder("x"));
    in.put("c", 'y');
    in.put("e", Thread.State.NEW);
    in.put("set", new java.util.TreeSet<>(List.of(2, 1)));
    in.put("arr", new Object[] {(short) 1, "a"});
    in.put("map", Map.of("k", (byte) 1));
    in.put("null", null);
    Map<String, Object> wire = HeaderValues.toWire(in);
    assertThat(wire).containsEntry("when", new Date(5000)).containsEntry("sb", "x").containsEntry("c", "y")
        .containsEntry("e", "NEW").containsEntry("set", List.of(1, 2)).containsEntry("arr", List.of(1, "a"))
        .containsEntry("map", Map.of("k", 1)).containsEntry("null", null);
  }

  @Test
  @DisplayName("refuses values AMQP cannot carry, naming the header and what to use instead")
  void refusesUnsupported() {
    assertThatThrownBy(() -> HeaderValues.toWire(Map.of("x", new Object())))
        .isInstanceOf(EncodeException.class).hasMessageContaining("header x").hasMessageContaining("String");
    assertThatThrownBy(() -> HeaderValues.toWire(Map.of("n", BigInteger.ONE.shiftLeft(70))))
        .isInstanceOf(EncodeException.class).hasMessageContaining("64 bits");
    assertThatThrownBy(() -> HeaderValues.toWire(Map.of("d", new BigDecimal("12345678901234.5"))))
        .isInstanceOf(EncodeException.class).hasMessageContaining("decimal");
    assertThatThrownBy(() -> HeaderValues.toWire(Map.of("m", Map.of(1, "one"))))
        .isInstanceOf(EncodeException.class).hasMessageContaining("string keys");
    assertThat(HeaderValues.toWire(Map.of("d", new BigDecimal("1.25")))).containsEntry("d", new BigDecimal("1.25"));
  }

  @Test
  @DisplayName("reads long strings as String (bytes when not UTF-8), timestamps as Instant, nested tables and arrays")
  void readsPlainValues() {
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("s", LongStringHelper.asLongString("héllo"));
    table.put("raw", LongStringHelper.asLongString(new byte[] {(byte) 0xff, 0x00}));
    table.put("t", new Date(7000));
    table.put("nested", Map.of("list", List.of(LongStringHelper.asLongString("a"), 1L)));

    Map<String, Object> plain = HeaderValues.fromWire(table);

    assertThat(plain).containsEntry("s", "héllo").containsEntry("t", Instant.ofEpochSecond(7))
        .containsEntry("nested", Map.of("list", List.of("a", 1L)));
    assertThat((byte[]) plain.get("raw")).containsExactly(0xff, 0x00);
    assertThat(HeaderValues.fromWire(null)).isEmpty();
  }
}
