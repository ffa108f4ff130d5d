package io.kombu.pools;

import io.kombu.Connection;
import java.util.Map;
import java.util.Objects;

/**
 * Kombu's connection identity, which keys the pool groups: transport, hostname, userid, password, virtual host, port
 * and transport options. Two connections built from the same parameters share a pool. The password takes part in
 * equality but never in {@link #toString()}.
 *
 * <p>Thread-safety: immutable.
 */
final class ConnectionKey {
  private final String transport;
  private final String uriWithPassword;
  private final Map<?, ?> transportOptions;
  private final String masked;

  private ConnectionKey(String transport, String uriWithPassword, Map<?, ?> transportOptions, String masked) {
    this.transport = transport;
    this.uriWithPassword = uriWithPassword;
    this.transportOptions = transportOptions;
    this.masked = masked;
  }

  static ConnectionKey of(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    Map<String, Object> info = connection.info();
    Object options = info.get("transport_options");
    // as_uri renders transport, userid, password, hostname, port and virtual host, with the transport's defaults applied.
    return new ConnectionKey(connection.transportName(), connection.asUri(true), !(options instanceof Map) ? Map.of() : (Map<?, ?>) options,
        connection.asUri());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ConnectionKey)) {
      return false;
    }
    ConnectionKey k = (ConnectionKey) o;
    return transport.equals(k.transport) && uriWithPassword.equals(k.uriWithPassword)
        && transportOptions.equals(k.transportOptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(transport, uriWithPassword, transportOptions);
  }

  @Override
  public String toString() {
    return transportOptions.isEmpty() ? masked : masked + " with transport options " + transportOptions.keySet();
  }
}
