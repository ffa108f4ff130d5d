package io.kombu.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * A class loader that sees exactly the META-INF/services files written for one test, and nothing from the test class path,
 * so the test providers here never leak into other tests. Classes still come from the parent.
 */
final class ServicesClassLoader extends URLClassLoader {
  private static final String SERVICES = "META-INF/services/";

  private ServicesClassLoader(URL root) {
    super(new URL[] {root}, ServicesClassLoader.class.getClassLoader());
  }

  /**
   * @param dir an empty temporary directory
   * @param services service interface → provider class names (may name classes that do not exist)
   */
  static ServicesClassLoader of(Path dir, Map<Class<?>, List<String>> services) {
    try {
      Path meta = Files.createDirectories(dir.resolve(SERVICES));
      for (Map.Entry<Class<?>, List<String>> e : services.entrySet()) {
        Files.writeString(meta.resolve(e.getKey().getName()), String.join("\n", e.getValue()) + "\n",
            StandardCharsets.UTF_8);
      }
      return new ServicesClassLoader(dir.toUri().toURL());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
  }
}
