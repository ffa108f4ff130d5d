package io.kombu.compression.internal;

import io.kombu.spi.Compressor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out which codecs can run here. For each codec it looks for one library class without initialising it (cheap,
 * no native code), then builds the codec and round-trips a few bytes through it, which loads any native library and
 * proves it works on this platform. A codec that fails either step is reported with the artifact to add instead of
 * being offered.
 *
 * <p>Thread-safety: stateless and thread-safe; the result is immutable.
 */
public final class CodecProbe {
  private static final Logger log = LoggerFactory.getLogger(CodecProbe.class);
  private static final byte[] SAMPLE = "kombu probe kombu probe kombu probe".getBytes(StandardCharsets.US_ASCII);

  /**
   * What a probe found.
   *
   * <p>Thread-safety: immutable and thread-safe.
   *
   * @param available codecs that work, in catalogue order
   * @param unavailable for each key (name, alias, content type) of a codec that does not work, what to do about it
   */
  public record Result(List<Compressor> available, Map<String, String> unavailable) {
    /** Copies both collections. */
    public Result {
      available = List.copyOf(available);
      unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
    }
  }

  private CodecProbe() {}

  /**
   * @param codecs the catalogue
   * @param loader where the libraries are looked for: the class loader that loaded the codec classes
   * @return the working codecs and the reasons for the others
   */
  public static Result probe(List<CodecDescriptor> codecs, ClassLoader loader) {
    List<Compressor> available = new ArrayList<>();
    Map<String, String> unavailable = new LinkedHashMap<>();
    for (CodecDescriptor codec : codecs) {
      String reason = problem(codec, loader, available);
      if (reason != null) {
        for (String key : codec.keys()) {
          unavailable.put(key, reason);
        }
      }
    }
    return new Result(available, unavailable);
  }

  private static @Nullable String problem(
      CodecDescriptor codec, ClassLoader loader, List<Compressor> available) {
    try {
      Class.forName(codec.libraryClass(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      log.debug("compression codec {} not offered: {} is not on the class path ({})", codec.name(), codec.artifact(), e.toString());
      return "add " + codec.artifact() + " to the class path";
    }
    try {
      Compressor compressor = codec.factory().get();
      byte[] back = compressor.decompress(compressor.compress(SAMPLE), SAMPLE.length);
      if (!Arrays.equals(back, SAMPLE)) {
        throw new IllegalStateException("a round trip of " + SAMPLE.length + " bytes returned different bytes");
      }
      available.add(compressor);
      return null;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      // Native libraries fail with UnsatisfiedLinkError, or with library-specific Errors (snappy's SnappyError).
      log.warn("compression codec {} not offered: {} is present but does not work on {}/{}", codec.name(),
          codec.artifact(), System.getProperty("os.name"), System.getProperty("os.arch"), e);
      return "add " + codec.artifact() + " to the class path: it is present but failed to start on "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + e
          + "); use a version with a native library for this platform";
    }
  }
}
