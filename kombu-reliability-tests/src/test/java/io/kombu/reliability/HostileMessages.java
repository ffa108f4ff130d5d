package io.kombu.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.CompressionNotInstalledException;
import io.kombu.ContentDisallowedException;
import io.kombu.DecodeException;
import io.kombu.DecompressionLimitExceededException;
import io.kombu.PublishOptions;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * The table of hostile and broken messages. Each one is published as raw bytes with its own content type, encoding and
 * headers, followed by a good message, to a live consumer.
 *
 * <p>Thread-safety: stateless and thread-safe; the zlib bomb is built once, lazily.
 */
final class HostileMessages {
  static final String JSON = "application/json";
  static final String YAML = "application/x-yaml";
  static final String MSGPACK = "application/x-msgpack";
  static final String PICKLE = "application/x-python-serialize";
  static final String ZLIB = "application/x-gzip";
  static final long ONE_GIB = 1L << 30;

  private HostileMessages() {}

  static Stream<HostileMessage> all() {
    return Stream.of(
        // JSON
        decodeError("JSON cut off in the middle of an object", "{\"a\": [1, 2", JSON, "utf-8", null, DecodeException.class, "not valid JSON"),
        decodeError("JSON that is plain words", "this is not json", JSON, "utf-8", null, DecodeException.class, "not valid JSON"),
        decodeError("JSON nesting bomb: 100,000 nested arrays", "[".repeat(100_000) + "]".repeat(100_000), JSON, "utf-8",
            null, DecodeException.class, "nesting depth"),
        decodeError("JSON nesting bomb: 100,000 nested objects", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
            JSON, "utf-8", null, DecodeException.class, "nesting depth"),
        decodeError("JSON number with 100,000 digits", "[" + "9".repeat(100_000) + "]", JSON, "utf-8", null, DecodeException.class, "safety limit"),
        decodeError("JSON with bytes that are not UTF-8 under a utf-8 encoding",
            bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d), JSON, "utf-8", null, DecodeException.class, "UTF-8"),
        decodeError("JSON with trailing garbage after the value", "{\"a\":1} trailing", JSON, "utf-8", null, DecodeException.class, "not valid JSON"),
        // text and unknown types
        decodeError("text/plain with bytes that are not UTF-8 under a utf-8 encoding", bytes(0xc3, 0x28, 0xff, 0xfe),
            "text/plain", "utf-8", null, DecodeException.class, "not valid utf-8"),
        decodeError("a content encoding no charset has (klingon)", "hello".getBytes(UTF_8), "text/plain", "klingon", null,
            DecodeException.class, "klingon"),
        decodeError("a content type nobody registered, refused by an explicit accept list", "x".getBytes(UTF_8),
            "application/x-evil", "binary", List.of("json"), ContentDisallowedException.class, "untrusted"),
        decodeError("a content type with control characters", "{}".getBytes(UTF_8), "application/json\u0000\n\u0007",
            "utf-8", List.of("json"), ContentDisallowedException.class, "untrusted"),
        // msgpack
        decodeError("msgpack when the consumer accepts only json", bytes(0x81, 0xa1, 0x61, 0x01), MSGPACK, "binary",
            List.of("json"), ContentDisallowedException.class, "msgpack"),
        decodeError("msgpack bytes that are never valid (0xc1)", bytes(0xc1, 0xc1, 0xc1), MSGPACK, "binary",
            List.of("msgpack", "json"), DecodeException.class, "not valid msgpack"),
        decodeError("msgpack array that claims 65,535 elements and has none", bytes(0xdc, 0xff, 0xff), MSGPACK, "binary",
            List.of("msgpack", "json"), DecodeException.class, "truncated"),
        decodeError("msgpack string that claims 4 GiB", bytes(0xdb, 0xff, 0xff, 0xff, 0xff, 0x61), MSGPACK, "binary",
            List.of("msgpack", "json"), DecodeException.class, "hostile"),
        decodeError("msgpack nesting bomb: 100,000 nested arrays", repeated(0x91, 100_000, 0xc0), MSGPACK, "binary",
            List.of("msgpack", "json"), DecodeException.class, "nests deeper"),
        // yaml
        decodeError("YAML while yaml is not enabled", "a: 1".getBytes(UTF_8), YAML, "utf-8", null, ContentDisallowedException.class, "disabled"),
        decodeError("YAML with a python/object/apply tag (os.system)", "!!python/object/apply:os.system [\"id\"]", YAML,
            "utf-8", List.of("yaml", "json"), DecodeException.class, "tag is not allowed"),
        decodeError("YAML with a Java class tag (ScriptEngineManager)",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]",
            YAML, "utf-8", List.of("yaml", "json"), DecodeException.class, "tag is not allowed"),
        decodeError("YAML billion-laughs alias bomb", billionLaughs(), YAML, "utf-8", List.of("yaml", "json"), DecodeException.class, "aliases"),
        decodeError("YAML nesting bomb: 10,000 nested flow lists", "[".repeat(10_000) + "]".repeat(10_000), YAML, "utf-8",
            List.of("yaml", "json"), DecodeException.class, "Nesting Depth"),
        // pickle
        decodeError("pickle with the default accept list", bytes(0x80, 0x04, 0x4b, 0x01, 0x2e), PICKLE, "binary", null,
            ContentDisallowedException.class, "disabled"),
        decodeError("pickle when the consumer accepts only json", bytes(0x80, 0x04, 0x4b, 0x01, 0x2e), PICKLE,
            "binary", List.of("json"), ContentDisallowedException.class, "pickle"),
        // compression
        compressedError("zlib bomb: 1 GiB of zeros in about 1 MiB", HostileMessages::zlibBomb, ZLIB,
            DecompressionLimitExceededException.class, "exceeds the limit"),
        compressedError("zlib header on data that is not zlib", () -> "not zlib at all".getBytes(UTF_8), ZLIB,
            DecodeException.class, "cannot decompress zlib"),
        compressedError("zlib stream cut in half", () -> half(zlib("{\"a\": \"" + "x".repeat(10_000) + "\"}")), ZLIB,
            DecodeException.class, "truncated"),
        compressedError("valid zlib around invalid JSON", () -> zlib("{not json"), ZLIB, DecodeException.class, "not valid JSON"),
        compressedError("a compression header naming an unknown codec", () -> "{}".getBytes(UTF_8), "application/x-nope",
            CompressionNotInstalledException.class, "application/x-nope"),
        compressedError("bzip2 header on a stream that ends after its magic", () -> "BZh9".getBytes(ISO_8859_1),
            "application/x-bz2", DecodeException.class, "bzip2"),
        compressedError("zstd without zstd-jni on the class path", () -> bytes(0x28, 0xb5, 0x2f, 0xfd), "application/zstd",
            CompressionNotInstalledException.class, "zstd-jni"),
        // accepted but extreme
        delivered("1,000 headers of 1 KiB each", "{\"ok\": 1}".getBytes(UTF_8),
            () -> json().headers(bigHeaders(1000, 1024)), (body, message) -> {
              assertThat(message.headers()).hasSizeGreaterThanOrEqualTo(1000);
              assertThat((String) message.headers().get("h-999")).hasSize(1024);
            }),
        delivered("one header value of 1 MiB", "{\"ok\": 1}".getBytes(UTF_8),
            () -> json().header("big", "v".repeat(1 << 20)),
            (body, message) -> assertThat((String) message.headers().get("big")).hasSize(1 << 20)),
        delivered("a JSON body of 8 MiB", ("{\"s\": \"" + "x".repeat(8 << 20) + "\"}").getBytes(UTF_8), HostileMessages::json,
            (body, message) -> assertThat((String) ((Map<?, ?>) body).get("s")).hasSize(8 << 20)),
        delivered("a JSON body that is empty (Kombu hands over the empty bytes)", new byte[0], HostileMessages::json,
            (body, message) -> assertThat((byte[]) body).isEmpty()),
        delivered("JSON with a lone surrogate escape", "{\"s\": \"\\ud800\"}".getBytes(UTF_8), HostileMessages::json,
            (body, message) -> assertThat(((Map<?, ?>) body).get("s")).isEqualTo("\ud800")),
        delivered("a header whose name and value hold control characters", "{}".getBytes(UTF_8),
            () -> json().header("ctl\u0000\u0001\n", "v\u0000\u0007\r\n"),
            (body, message) -> assertThat(message.headers()).containsEntry("ctl\u0000\u0001\n", "v\u0000\u0007\r\n")),
        delivered("priority 255 on a queue without a maximum priority", "{}".getBytes(UTF_8), () -> json().priority(255),
            (body, message) -> assertThat(body).isEqualTo(Map.of())),
        delivered("binary body with a utf-8 encoding that is not UTF-8", bytes(0xff, 0xfe, 0x00),
            () -> PublishOptions.builder().contentType("application/data").contentEncoding("binary"),
            (body, message) -> assertThat((byte[]) body).containsExactly(0xff, 0xfe, 0x00)),
        new HostileMessage("priority -1", "{}".getBytes(UTF_8), () -> json().priority(-1), null,
            new HostileMessage.PublishRefused(IllegalArgumentException.class)),
        new HostileMessage("priority 256", "{}".getBytes(UTF_8), () -> json().priority(256), null,
            new HostileMessage.PublishRefused(IllegalArgumentException.class)));
  }

  static PublishOptions.Builder json() {
    return PublishOptions.builder().contentType(JSON).contentEncoding("utf-8");
  }

  private static HostileMessage decodeError(String name, String body, String contentType, String encoding,
      @Nullable List<String> accept, Class<? extends RuntimeException> error, String messagePart) {
    return decodeError(name, body.getBytes(UTF_8), contentType, encoding, accept, error, messagePart);
  }

  private static HostileMessage decodeError(String name, byte[] body, String contentType, String encoding,
      @Nullable List<String> accept, Class<? extends RuntimeException> error, String messagePart) {
    return new HostileMessage(name, body,
        () -> PublishOptions.builder().contentType(contentType).contentEncoding(encoding), accept,
        new HostileMessage.DecodeError(error, messagePart));
  }

  private static HostileMessage compressedError(String name, Supplier<byte[]> body, String compression,
      Class<? extends RuntimeException> error, String messagePart) {
    return new HostileMessage(name, body.get(), () -> json().header("compression", compression), null,
        new HostileMessage.DecodeError(error, messagePart));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] repeated(int value, int times, int last) {
    byte[] out = new byte[times + 1];
    Arrays.fill(out, 0, times, (byte) value);
    out[times] = (byte) last;
    return out;
  }

  private static byte[] half(byte[] data) {
    return Arrays.copyOf(data, data.length / 2);
  }

  /** The classic "billion laughs": ten aliases of ten aliases, nine levels deep. */
  private static String billionLaughs() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i <= 9; i++) {
      String prev = "*a" + (i - 1);
      yaml.append('a').append(i).append(": &a").append(i).append(" [")
          .append(String.join(",", java.util.Collections.nCopies(10, prev))).append("]\n");
    }
    return yaml.toString();
  }

  private static Map<String, Object> bigHeaders(int count, int valueLength) {
    Map<String, Object> headers = new LinkedHashMap<>();
    String value = "h".repeat(valueLength);
    for (int i = 0; i < count; i++) {
      headers.put("h-" + i, value);
    }
    return headers;
  }

  static byte[] zlib(String text) {
    Deflater deflater = new Deflater();
    deflater.setInput(text.getBytes(UTF_8));
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  /** @return 1 GiB of zeros, zlib-compressed at the best ratio (about 1 MiB), built once */
  static byte[] zlibBomb() {
    return ZlibBomb.BYTES.clone();
  }

  /** Holder: the bomb is built on first use only. */
  private static final class ZlibBomb {
    static final byte[] BYTES = build();

    private static byte[] build() {
      Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
      byte[] zeros = new byte[1 << 20];
      byte[] buffer = new byte[1 << 16];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (long fed = 0; fed < ONE_GIB; fed += zeros.length) {
        deflater.setInput(zeros);
        while (!deflater.needsInput()) {
          out.write(buffer, 0, deflater.deflate(buffer));
        }
      }
      deflater.finish();
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      deflater.end();
      return out.toByteArray();
    }
  }

  private static HostileMessage delivered(String name, byte[] body, Supplier<PublishOptions.Builder> options,
      java.util.function.BiConsumer<@Nullable Object, io.kombu.Message> check) {
    return new HostileMessage(name, body, options, null, new HostileMessage.Delivered(check));
  }
}
