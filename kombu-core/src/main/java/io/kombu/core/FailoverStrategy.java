package io.kombu.core;

import io.kombu.ConfigurationException;
import java.util.Locale;
import java.util.Objects;

/**
 * How a connection picks the next broker from its failover list (Kombu's {@code failover_strategy}).
 *
 * <p>Thread-safety: an enum, immutable and thread-safe.
 */
public enum FailoverStrategy {
  /** Cycle through the alternates in order, endlessly (Kombu's default). */
  ROUND_ROBIN("round-robin"),
  /** Pick a random alternate each time. */
  SHUFFLE("shuffle");

  private final String kombuName;

  FailoverStrategy(String kombuName) {
    this.kombuName = kombuName;
  }

  /** @return the name Kombu uses, {@code round-robin} or {@code shuffle} */
  public String kombuName() {
    return kombuName;
  }

  /**
   * @param name {@code round-robin} or {@code shuffle} (case-insensitive; {@code round_robin} is accepted too)
   * @return the strategy
   * @throws ConfigurationException when the name is neither
   */
  public static FailoverStrategy of(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (FailoverStrategy s : values()) {
      if (s.kombuName.equals(n)) {
        return s;
      }
    }
    throw new ConfigurationException(
        "unknown failover strategy \"" + name + "\"; use \"round-robin\" or \"shuffle\"");
  }
}
