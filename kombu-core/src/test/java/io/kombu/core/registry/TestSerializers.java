package io.kombu.core.registry;

import io.kombu.DecodeException;
import io.kombu.spi.Serializer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Small serializers for registry tests, independent of kombu-serialization. */
final class TestSerializers {
  private TestSerializers() {}

  /** Writes String.valueOf(value) under the given name and type; reads text back, prefixed to prove it ran. */
  static Serializer text(String name, String contentType, boolean insecure) {
    return new Serializer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String contentType() {
        return contentType;
      }

      @Override
      public String contentEncoding() {
        return "utf-8";
      }

      @Override
      public byte[] encode(@Nullable Object value) {
        return ("<" + value + ">").getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public @Nullable Object decode(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        if (!s.startsWith("<") || !s.endsWith(">")) {
          throw new DecodeException("not a " + name + " body");
        }
        return name + ":" + s.substring(1, s.length() - 1);
      }

      @Override
      public boolean insecure() {
        return insecure;
      }
    };
  }
}
