package io.kombu.compression.internal;

import io.kombu.spi.Compressor;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the provider knows about one codec before touching its library: its names, one class of its library to look
 * for, the artifact that brings it, and how to build the codec once the library is known to be there.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param name the main name
 * @param contentType the {@code compression} header value
 * @param aliases every name besides the content type, the main name included
 * @param libraryClass a class of the library, looked up without initialising it
 * @param artifact what to put on the class path, e.g. {@code com.github.luben:zstd-jni}
 * @param factory builds the codec; only called once {@code libraryClass} was found
 */
public record CodecDescriptor(
    String name,
    String contentType,
    Set<String> aliases,
    String libraryClass,
    String artifact,
    Supplier<Compressor> factory) {

  /** Copies the aliases. */
  public CodecDescriptor {
    aliases = Set.copyOf(aliases);
  }

  /** @return the main name, every alias and the content type: every key a lookup may use */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(name);
    keys.addAll(aliases);
    keys.add(contentType);
    return keys;
  }
}
