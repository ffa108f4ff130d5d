package io.kombu.spi;

import org.jspecify.annotations.Nullable;

/**
 * One serialization format (Kombu's registry entry): a name, the content type and encoding it writes, and the two
 * directions. Core's registry applies Kombu's rules around it (text and bytes pass-through, accept lists, insecure types).
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface Serializer {
  /** @return the name users pass as {@code serializer}, e.g. {@code json} */
  String name();

  /** @return the content type written, e.g. {@code application/json} */
  String contentType();

  /** @return the content encoding written: {@code utf-8} for text formats, {@code binary} otherwise */
  String contentEncoding();

  /**
   * @param value a Map, List, String, Number, Boolean, null or a type the format documents
   * @return the encoded bytes
   * @throws io.kombu.EncodeException when the value cannot be encoded
   */
  byte[] encode(@Nullable Object value);

  /**
   * @param data encoded bytes
   * @return the decoded value
   * @throws io.kombu.DecodeException when the bytes are not valid for the format
   */
  @Nullable Object decode(byte[] data);

  /**
   * @return true for formats that can run code or blow up on hostile input (Kombu's pickle, yaml, msgpack): the registry
   *     refuses to decode them unless enabled or explicitly accepted
   */
  default boolean insecure() {
    return false;
  }
}
