package io.kombu.compression.internal;

import io.kombu.EncodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The write path shared by the stream-based encoders: push the whole body through the library's compressing stream
 * into memory and translate library failures into {@link EncodeException}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class StreamEncoding {
  /** Wraps an in-memory sink in the library's compressing stream. */
  @FunctionalInterface
  public interface Wrapper {
    /**
     * @param sink where compressed bytes go
     * @return a stream that compresses into {@code sink}; closing it finishes the compressed format
     * @throws IOException when the library cannot start
     */
    OutputStream wrap(OutputStream sink) throws IOException;
  }

  private StreamEncoding() {}

  /**
   * @param codec the codec's name, for error messages
   * @param data the bytes to compress
   * @param wrapper builds the library's compressing stream
   * @return the compressed bytes
   * @throws EncodeException when the library fails
   */
  public static byte[] writeAll(String codec, byte[] data, Wrapper wrapper) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(Math.max(64, data.length / 4));
    try (OutputStream out = wrapper.wrap(sink)) {
      out.write(data);
    } catch (IOException | RuntimeException e) {
      throw failed(codec, e);
    }
    return sink.toByteArray();
  }

  /**
   * @param codec the codec's name
   * @param cause what the library reported
   * @return the exception every codec throws when compression fails
   */
  public static EncodeException failed(String codec, Throwable cause) {
    return new EncodeException("cannot compress body with " + codec + " (" + cause + ")", cause);
  }
}
