package io.kombu.compression.internal;

import io.kombu.DecodeException;
import io.kombu.KombuException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bounded read loop shared by the stream-based decoders (bzip2, xz, zstd, brotli, snappy): pull fixed-size chunks
 * from the library's decompressing stream into a {@link BoundedOutput}, so memory follows the bytes actually produced,
 * and translate library failures into {@link DecodeException}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class StreamDecoding {
  /** Bytes read from a decompressing stream per call. */
  public static final int CHUNK_BYTES = 64 * 1024;

  /** Wraps the compressed bytes in the library's decompressing stream. */
  @FunctionalInterface
  public interface Opener {
    /**
     * @param compressed the compressed bytes as a stream
     * @return a stream of the decompressed bytes
     * @throws IOException when the header is already unreadable
     */
    InputStream open(InputStream compressed) throws IOException;
  }

  private StreamDecoding() {}

  /**
   * Decompresses {@code data} through {@code opener}, refusing output past {@code limitBytes}.
   *
   * @param codec the codec's name, for error messages
   * @param data compressed bytes
   * @param limitBytes the most bytes the result may have
   * @param opener builds the library's decompressing stream
   * @return the decompressed bytes
   * @throws io.kombu.DecompressionLimitExceededException when the output passes the limit
   * @throws DecodeException when the data is corrupt or truncated
   */
  public static byte[] readAll(String codec, byte[] data, long limitBytes, Opener opener) {
    BoundedOutput out = new BoundedOutput(codec, limitBytes, (long) data.length * 4);
    byte[] chunk = new byte[CHUNK_BYTES];
    try (InputStream in = opener.open(new ByteArrayInputStream(data))) {
      int n;
      while ((n = in.read(chunk, 0, chunk.length)) != -1) {
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw corrupt(codec, e);
    } catch (KombuException e) {
      throw e;
    } catch (RuntimeException e) {
      // Some decoders signal malformed input with unchecked exceptions (index or argument errors).
      throw corrupt(codec, e);
    }
    return out.toByteArray();
  }

  /**
   * @param codec the codec's name
   * @param cause what the library reported
   * @return the exception every codec throws for data it cannot decode
   */
  public static DecodeException corrupt(String codec, Throwable cause) {
    return new DecodeException(
        "cannot decompress " + codec + " body: it is corrupt, truncated or not " + codec + " data (" + cause
            + "); check the message's compression header against what the producer used",
        cause);
  }
}
