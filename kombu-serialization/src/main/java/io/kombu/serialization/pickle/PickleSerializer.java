package io.kombu.serialization.pickle;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.serialization.internal.PlainDataUnpickler;
import io.kombu.spi.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads Kombu's {@code pickle} bodies ({@code application/x-python-serialize}, {@code binary}) when they hold only
 * plain Python data: dict (as LinkedHashMap, order kept), list, tuple (as an unmodifiable List), str, bytes (byte[]),
 * int (Integer/Long/BigInteger), float (Double), bool, None, and set. A payload that names any class or builds any
 * object is a {@link DecodeException} ("pickle payload references class X; only plain data is allowed"). Needs {@code
 * net.razorvine:pickle} on the class path.
 *
 * <p>It never writes pickle: {@link #encode} throws, because pickle is Python-only and running it is code execution
 * on the reader's side. Kombu counts pickle as insecure, so core's registry refuses to decode it unless it is enabled
 * explicitly or the content type is in the consumer's accept list.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class PickleSerializer implements Serializer {
  /** Name users pass as the serializer. */
  public static final String NAME = "pickle";
  /** Content type read. */
  public static final String CONTENT_TYPE = "application/x-python-serialize";
  /** Content encoding of pickle bodies. */
  public static final String CONTENT_ENCODING = "binary";

  /** A decoder for plain-data pickles. */
  public PickleSerializer() {}

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

  /** @throws EncodeException always: Kombu-Java reads plain-data pickles but does not write them */
  @Override
  public byte[] encode(@Nullable Object value) {
    throw new EncodeException(
        "Kombu-Java does not write pickle: only Python can read it and unpickling runs code on the reader's side;"
            + " publish with serializer json (or msgpack or yaml) instead");
  }

  /** @throws DecodeException when the payload references a class or is malformed */
  @Override
  public @Nullable Object decode(byte[] data) {
    if (data.length == 0) {
      throw new DecodeException("pickle body is empty");
    }
    try {
      return new PlainDataUnpickler(data).decode();
    } catch (DecodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DecodeException("pickle body is malformed: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PickleSerializer[decode only, plain data]";
  }
}
