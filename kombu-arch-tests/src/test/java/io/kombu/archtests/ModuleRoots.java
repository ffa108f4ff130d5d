package io.kombu.archtests;

/**
 * Which module owns a package, by Kombu-Java's package layout: {@code io.kombu} and {@code io.kombu.spi} are the api module,
 * {@code io.kombu.transport.<name>} is one transport module, and any other {@code io.kombu.<name>} is one module
 * ({@code io.kombu.core}, {@code io.kombu.serialization}, ...).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class ModuleRoots {
  static final String API_ROOT = "io.kombu";

  private ModuleRoots() {}

  /**
   * @param packageName a package such as {@code io.kombu.transport.redis.internal}
   * @return the root package of the module owning it, such as {@code io.kombu.transport.redis}; the package itself when it
   *     lies outside {@code io.kombu}
   */
  static String rootOf(String packageName) {
    String[] parts = packageName.split("\\.");
    if (parts.length < 2 || !parts[0].equals("io") || !parts[1].equals("kombu")) {
      return packageName;
    }
    if (parts.length == 2 || parts[2].equals("spi")) {
      return API_ROOT;
    }
    int segments = parts[2].equals("transport") && parts.length >= 4 ? 4 : 3;
    return String.join(".", java.util.Arrays.copyOf(parts, segments));
  }

  /** @return whether the package is, or lies inside, an {@code internal} package of a Kombu module */
  static boolean isInternal(String packageName) {
    return packageName.startsWith(API_ROOT + ".") && ("." + packageName + ".").contains(".internal.");
  }
}
