package io.kombu.spi;

import io.kombu.TransportOptions;
import java.util.Set;

/**
 * Entry point of a transport jar, listed in {@code META-INF/services/io.kombu.spi.TransportProvider}. Keep construction
 * cheap: no I/O, and no driver class touched in the constructor or static initialiser, so that a missing driver is reported
 * when the transport is used rather than when providers are listed.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface TransportProvider {
  /** @return the transport's name, e.g. {@code redis}; used in errors, logs and {@code kombu.transport.<scheme>} overrides */
  String name();

  /** @return the URL schemes it serves, lower case, e.g. {@code redis} and {@code rediss} */
  Set<String> schemes();

  /** @return what it can do (Kombu's {@code implements}) */
  TransportCapabilities capabilities();

  /**
   * Fills in this transport's defaults where the URL left them empty (port, user, password, virtual host), as Kombu's
   * transport classes do. Called by core before {@link #create}; also used by {@code asUri()} and connection identity.
   *
   * @param url the parsed URL
   * @return the URL with defaults applied
   */
  default BrokerUrl applyDefaults(BrokerUrl url) {
    return url;
  }

  /**
   * @param url one broker's address and connection parameters, defaults applied
   * @param options transport options
   * @return a transport for one Kombu connection; nothing is connected yet
   */
  Transport create(BrokerUrl url, TransportOptions options);

  /** @return the SPI version the provider was built against */
  default int spiVersion() {
    return Spi.VERSION;
  }
}
