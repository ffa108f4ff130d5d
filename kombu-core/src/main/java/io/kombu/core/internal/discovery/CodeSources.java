package io.kombu.core.internal.discovery;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * Says where a class was loaded from, so messages can name the jar to remove or add.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class CodeSources {
  private CodeSources() {}

  /**
   * @param type a class
   * @return the jar or directory it came from, or {@code "unknown location"}
   */
  public static String locationOf(Class<?> type) {
    try {
      ProtectionDomain domain = type.getProtectionDomain();
      CodeSource source = domain == null ? null : domain.getCodeSource();
      URL url = source == null ? null : source.getLocation();
      if (url == null) {
        return "unknown location";
      }
      if ("file".equals(url.getProtocol())) {
        return Paths.get(url.toURI()).toString();
      }
      return url.toString();
    } catch (SecurityException | URISyntaxException | IllegalArgumentException e) {
      return "unknown location";
    }
  }

  /**
   * @param type a class
   * @return the file name of its jar (e.g. {@code my-transport-1.0.jar}), or null when it did not come from a jar
   */
  public static @org.jspecify.annotations.Nullable String jarNameOf(Class<?> type) {
    String location = locationOf(type);
    if (!location.endsWith(".jar")) {
      return null;
    }
    Path name = Paths.get(location).getFileName();
    return name == null ? location : name.toString();
  }
}
