package io.kombu.cli;

import io.kombu.core.TransportRegistry;
import io.kombu.spi.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code kombu --version}: the Kombu-Java version, the JVM, and the transports found on the class path.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String transports = TransportRegistry.defaultRegistry().providers().stream()
        .map(TransportProvider::name)
        .sorted()
        .collect(Collectors.joining(", "));
    return new String[] {
      "kombu " + version() + " (Kombu-Java)",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
      "Transports: " + (transports.isEmpty() ? "none" : transports)
    };
  }

  /** @return the project version, from the resource the build fills in */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties from the kombu-cli jar", e);
    }
  }
}
