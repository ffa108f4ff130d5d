package io.kombu;

import java.util.Locale;
import java.util.Objects;

/**
 * The type of an exchange: how it routes a message to queues. The four AMQP types have constants; {@link #of(String)} also
 * accepts broker plug-in types (for example {@code x-delayed-message}) that only native transports understand.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class ExchangeType {
  /** Routes to queues whose binding key equals the routing key exactly. Kombu's default. */
  public static final ExchangeType DIRECT = new ExchangeType("direct");
  /** Routes by pattern: binding keys may contain {@code *} and {@code #} wildcards. */
  public static final ExchangeType TOPIC = new ExchangeType("topic");
  /** Routes to every bound queue, ignoring the routing key. */
  public static final ExchangeType FANOUT = new ExchangeType("fanout");
  /** Routes by message headers matched against binding arguments ({@code x-match} all or any). */
  public static final ExchangeType HEADERS = new ExchangeType("headers");

  private final String name;

  private ExchangeType(String name) {
    this.name = name;
  }

  /**
   * The type with this name. Blank means {@link #DIRECT}, as in Kombu; names are lower-cased.
   *
   * @param name a type name such as {@code "topic"}
   * @return the matching constant, or a new value for a plug-in type
   */
  public static ExchangeType of(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "":
      case "direct":
        return DIRECT;
      case "topic":
        return TOPIC;
      case "fanout":
        return FANOUT;
      case "headers":
        return HEADERS;
      default:
        return new ExchangeType(n);
    }
  }

  /** @return the type's name as brokers know it, e.g. {@code "topic"} */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExchangeType && ((ExchangeType) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
