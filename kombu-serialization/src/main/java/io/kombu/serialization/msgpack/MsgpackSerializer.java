package io.kombu.serialization.msgpack;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.spi.Serializer;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * Kombu's {@code msgpack} serializer ({@code application/x-msgpack}, {@code binary}), byte-identical with Python's
 * {@code msgpack.packb(value, use_bin_type=True)}: smallest integer formats, strings as str, byte[] as bin, doubles as
 * float64.
 *
 * <p>Encodes Map, List and other collections, arrays, String, Integer/Long/BigInteger (up to 2^64-1), Double/Float,
 * Boolean, byte[] and null. Decodes to LinkedHashMap (key order kept; keys must be str or bin, as Python's {@code
 * strict_map_key}), ArrayList, String, byte[], Integer/Long/BigInteger (the smallest that fits, BigInteger only for
 * uint64 beyond Long), Double, Boolean, null, and the msgpack timestamp extension as {@link java.time.Instant}. Other
 * extension types, malformed UTF-8, trailing bytes and nesting deeper than the limit are decode errors.
 *
 * <p>Kombu counts msgpack as insecure: core's registry refuses to decode it unless it is enabled or accepted.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class MsgpackSerializer implements Serializer {
  /** Name users pass as the serializer. */
  public static final String NAME = "msgpack";
  /** Content type written and read. */
  public static final String CONTENT_TYPE = "application/x-msgpack";
  /** Content encoding written. */
  public static final String CONTENT_ENCODING = "binary";
  /** Deepest nesting of maps and arrays accepted, in either direction. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 1000;

  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final byte TIMESTAMP_EXTENSION = -1;

  private final int maxNestingDepth;
  private final MessagePack.UnpackerConfig unpackerConfig =
      new MessagePack.UnpackerConfig()
          .withActionOnMalformedString(CodingErrorAction.REPORT)
          .withActionOnUnmappableString(CodingErrorAction.REPORT);

  /** A serializer with the default nesting limit. */
  public MsgpackSerializer() {
    this(DEFAULT_MAX_NESTING_DEPTH);
  }

  /** @param maxNestingDepth deepest nesting of maps and arrays, when encoding and decoding; at least 1 */
  public MsgpackSerializer(int maxNestingDepth) {
    if (maxNestingDepth < 1) {
      throw new IllegalArgumentException("maxNestingDepth must be at least 1, got " + maxNestingDepth);
    }
    this.maxNestingDepth = maxNestingDepth;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public String contentEncoding() {
    return CONTENT_ENCODING;
  }

  @Override
  public boolean insecure() {
    return true;
  }

  @Override
  public byte[] encode(@Nullable Object value) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      pack(packer, value, 0);
      return packer.toByteArray();
    } catch (IOException | MessagePackException e) {
      throw new EncodeException("msgpack could not encode the value: " + e.getMessage(), e);
    }
  }

  @Override
  public @Nullable Object decode(byte[] data) {
    try (MessageUnpacker unpacker = unpackerConfig.newUnpacker(data)) {
      if (!unpacker.hasNext()) {
        throw new DecodeException("msgpack body is empty; expected a msgpack value");
      }
      Object value = read(unpacker, data.length, 0);
      if (unpacker.hasNext()) {
        throw new DecodeException(
            "msgpack body has extra data after the first value (at byte " + unpacker.getTotalReadBytes() + ")");
      }
      return value;
    } catch (MessageSizeException e) {
      throw new DecodeException("msgpack body declares a length of 2 GiB or more; it is truncated or hostile", e);
    } catch (IOException | MessagePackException e) {
      throw new DecodeException("msgpack body is not valid msgpack: " + e, e);
    }
  }

  private void pack(MessagePacker packer, @Nullable Object value, int depth) throws IOException {
    if (value == null) {
      packer.packNil();
    } else if (value instanceof CharSequence || value instanceof Character) {
      byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
      packer.packRawStringHeader(utf8.length);
      packer.writePayload(utf8);
    } else if (value instanceof Boolean b) {
      packer.packBoolean(b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicInteger
        || value instanceof AtomicLong) {
      packer.packLong(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      if (big.bitLength() <= 63) {
        packer.packLong(big.longValue());
      } else if (big.signum() > 0 && big.compareTo(UINT64_MAX) <= 0) {
        packer.packBigInteger(big);
      } else {
        throw new EncodeException(
            "msgpack integers must lie between -2^63 and 2^64-1 (as in Python's msgpack); " + big + " does not");
      }
    } else if (value instanceof Double d) {
      packer.packDouble(d);
    } else if (value instanceof Float f) {
      // Python has only 64-bit floats: send the decimal the float prints as.
      packer.packDouble(Double.parseDouble(Float.toString(f)));
    } else if (value instanceof byte[] bytes) {
      packer.packBinaryHeader(bytes.length);
      packer.writePayload(bytes);
    } else if (value instanceof Map<?, ?> map) {
      enter(depth + 1, EncodeException::new);
      packer.packMapHeader(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        pack(packer, entry.getKey(), depth + 1);
        pack(packer, entry.getValue(), depth + 1);
      }
    } else if (value instanceof Collection<?> collection) {
      enter(depth + 1, EncodeException::new);
      packer.packArrayHeader(collection.size());
      for (Object item : collection) {
        pack(packer, item, depth + 1);
      }
    } else if (value.getClass().isArray()) {
      enter(depth + 1, EncodeException::new);
      int length = Array.getLength(value);
      packer.packArrayHeader(length);
      for (int i = 0; i < length; i++) {
        pack(packer, Array.get(value, i), depth + 1);
      }
    } else {
      throw new EncodeException(
          "msgpack cannot encode a value of type "
              + value.getClass().getName()
              + ": pass a Map, List, String, Number, Boolean, byte[] or null (Python's msgpack has no other types),"
              + " or use the json serializer, which writes dates, UUIDs and decimals");
    }
  }

  private @Nullable Object read(MessageUnpacker unpacker, int size, int depth) throws IOException {
    MessageFormat format = unpacker.getNextFormat();
    switch (format.getValueType()) {
      case NIL:
        unpacker.unpackNil();
        return null;
      case BOOLEAN:
        return unpacker.unpackBoolean();
      case INTEGER:
        if (format == MessageFormat.UINT64) {
          return narrow(unpacker.unpackBigInteger());
        }
        long n = unpacker.unpackLong();
        return (n == (int) n) ? (Object) (int) n : (Object) n;
      case FLOAT:
        return unpacker.unpackDouble();
      case STRING:
        return utf8(payload(unpacker, unpacker.unpackRawStringHeader(), size));
      case BINARY:
        return payload(unpacker, unpacker.unpackBinaryHeader(), size);
      case ARRAY: {
        enter(depth + 1, DecodeException::new);
        int length = unpacker.unpackArrayHeader();
        checkCount(length, unpacker, size);
        List<@Nullable Object> list = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
          list.add(read(unpacker, size, depth + 1));
        }
        return list;
      }
      case MAP: {
        enter(depth + 1, DecodeException::new);
        int length = unpacker.unpackMapHeader();
        checkCount(length, unpacker, size);
        Map<Object, @Nullable Object> map = new LinkedHashMap<>(Math.max(16, length * 2));
        for (int i = 0; i < length; i++) {
          Object key = read(unpacker, size, depth + 1);
          if (!(key instanceof String) && !(key instanceof byte[])) {
            throw new DecodeException(
                "msgpack map key "
                    + (key == null ? "nil" : key.getClass().getSimpleName())
                    + " is not allowed: keys must be str or bin, as Python's msgpack requires");
          }
          map.put(key, read(unpacker, size, depth + 1));
        }
        return map;
      }
      case EXTENSION: {
        ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
        if (header.getType() == TIMESTAMP_EXTENSION) {
          return unpacker.unpackTimestamp(header);
        }
        throw new DecodeException(
            "msgpack extension type " + header.getType() + " is not supported; only the timestamp extension (-1) is");
      }
      default:
        throw new DecodeException("msgpack body has an unknown format byte " + format);
    }
  }

  /** A declared length larger than what is left cannot be honest: refuse it before allocating anything. */
  private static byte[] payload(MessageUnpacker unpacker, int length, int size) throws IOException {
    if (length < 0 || length > size - unpacker.getTotalReadBytes()) {
      throw new DecodeException(
          "msgpack body declares " + Integer.toUnsignedString(length) + " bytes but fewer are left; it is truncated");
    }
    return unpacker.readPayload(length);
  }

  private static void checkCount(int count, MessageUnpacker unpacker, int size) {
    if (count < 0 || count > size - unpacker.getTotalReadBytes()) {
      throw new DecodeException(
          "msgpack body declares " + Integer.toUnsignedString(count) + " items but fewer bytes are left; it is truncated");
    }
  }

  private static Object narrow(BigInteger value) {
    return value.bitLength() <= 63 ? (Object) value.longValue() : value;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("msgpack str is not valid UTF-8; binary data must be sent as bin", e);
    }
  }

  private <E extends RuntimeException> void enter(int depth, java.util.function.Function<String, E> error) {
    if (depth > maxNestingDepth) {
      throw error.apply(
          "msgpack value nests deeper than "
              + maxNestingDepth
              + " levels; if it is trusted, use new MsgpackSerializer(maxNestingDepth)");
    }
  }

  @Override
  public String toString() {
    return "MsgpackSerializer[maxNestingDepth=" + maxNestingDepth + "]";
  }
}
