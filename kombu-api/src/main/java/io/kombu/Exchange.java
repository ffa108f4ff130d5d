package io.kombu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An exchange declaration: a name, a type and Kombu's flags. A value: it holds no channel, and operations on it live on
 * {@link Channel} and {@link Producer}.
 *
 * <p>Defaults are Kombu's: type direct, durable, not auto-delete, not passive, no delivery mode (publishes then default to
 * persistent). The nameless exchange {@link #DEFAULT} is the broker's default exchange, which routes by queue name and is
 * never declared; neither are exchanges whose names start with {@code amq.}.
 *
 * <pre>{@code
 * Exchange orders = Exchange.topic("orders").build();
 * Exchange events = Exchange.builder("events").type(ExchangeType.FANOUT).durable(false).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class Exchange implements Declarable {
  /** The broker's default (nameless, direct) exchange. */
  public static final Exchange DEFAULT = builder("").build();

  private final String name;
  private final ExchangeType type;
  private final boolean durable;
  private final boolean autoDelete;
  private final boolean passive;
  private final boolean internal;
  private final boolean noDeclare;
  private final @Nullable DeliveryMode deliveryMode;
  private final Map<String, Object> arguments;

  private Exchange(Builder b) {
    this.name = b.name;
    this.type = b.type;
    this.durable = b.durable;
    this.autoDelete = b.autoDelete;
    this.passive = b.passive;
    this.internal = b.internal;
    this.noDeclare = b.noDeclare;
    this.deliveryMode = b.deliveryMode;
    this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(b.arguments));
  }

  /**
   * @param name the exchange name; {@code ""} is the default exchange
   * @return a builder with Kombu's defaults
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @param name exchange name @return a builder for a direct exchange */
  public static Builder direct(String name) {
    return builder(name).type(ExchangeType.DIRECT);
  }

  /** @param name exchange name @return a builder for a topic exchange */
  public static Builder topic(String name) {
    return builder(name).type(ExchangeType.TOPIC);
  }

  /** @param name exchange name @return a builder for a fanout exchange */
  public static Builder fanout(String name) {
    return builder(name).type(ExchangeType.FANOUT);
  }

  /** @param name exchange name @return a builder for a headers exchange */
  public static Builder headers(String name) {
    return builder(name).type(ExchangeType.HEADERS);
  }

  /** @param name exchange name @return a durable direct exchange, Kombu's {@code Exchange(name)} */
  public static Exchange of(String name) {
    return builder(name).build();
  }

  /** @return a builder holding this exchange's values */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.type = type;
    b.durable = durable;
    b.autoDelete = autoDelete;
    b.passive = passive;
    b.internal = internal;
    b.noDeclare = noDeclare;
    b.deliveryMode = deliveryMode;
    b.arguments.putAll(arguments);
    return b;
  }

  /** @return the name; {@code ""} for the default exchange */
  @Override
  public String name() {
    return name;
  }

  /** @return the routing type */
  public ExchangeType type() {
    return type;
  }

  /** @return whether the exchange survives a broker restart (default true) */
  public boolean durable() {
    return durable;
  }

  /** @return whether the broker deletes the exchange when its last queue is unbound (default false) */
  public boolean autoDelete() {
    return autoDelete;
  }

  /** @return whether declaring only checks that the exchange exists (default false) */
  public boolean passive() {
    return passive;
  }

  /** @return whether clients may not publish to it directly, only other exchanges (AMQP only; default false) */
  public boolean internal() {
    return internal;
  }

  /** @return whether declaration is skipped altogether (Kombu's {@code no_declare}; default false) */
  public boolean noDeclare() {
    return noDeclare;
  }

  /** @return the delivery mode publishes to this exchange default to, or null for none (then persistent) */
  public @Nullable DeliveryMode deliveryMode() {
    return deliveryMode;
  }

  /** @return broker-specific declaration arguments, never null */
  public Map<String, Object> arguments() {
    return arguments;
  }

  /** @return true for the default exchange {@code ""} */
  public boolean isDefault() {
    return name.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Exchange)) {
      return false;
    }
    Exchange e = (Exchange) o;
    return durable == e.durable
        && autoDelete == e.autoDelete
        && passive == e.passive
        && internal == e.internal
        && noDeclare == e.noDeclare
        && name.equals(e.name)
        && type.equals(e.type)
        && deliveryMode == e.deliveryMode
        && arguments.equals(e.arguments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, durable, autoDelete, passive, internal, noDeclare, deliveryMode, arguments);
  }

  @Override
  public String toString() {
    return "Exchange(" + name + "(" + type + ")" + (durable ? "" : ", transient") + (autoDelete ? ", auto-delete" : "")
        + (arguments.isEmpty() ? "" : ", arguments=" + arguments) + ")";
  }

  /** Builds an {@link Exchange}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private ExchangeType type = ExchangeType.DIRECT;
    private boolean durable = true;
    private boolean autoDelete;
    private boolean passive;
    private boolean internal;
    private boolean noDeclare;
    private @Nullable DeliveryMode deliveryMode;
    private final Map<String, Object> arguments = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** @param type routing type @return this */
    public Builder type(ExchangeType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** @param durable survive broker restarts @return this */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /** @param autoDelete delete when unused @return this */
    public Builder autoDelete(boolean autoDelete) {
      this.autoDelete = autoDelete;
      return this;
    }

    /** @param passive only check existence when declaring @return this */
    public Builder passive(boolean passive) {
      this.passive = passive;
      return this;
    }

    /** @param internal only reachable from other exchanges (AMQP) @return this */
    public Builder internal(boolean internal) {
      this.internal = internal;
      return this;
    }

    /** @param noDeclare never declare this exchange @return this */
    public Builder noDeclare(boolean noDeclare) {
      this.noDeclare = noDeclare;
      return this;
    }

    /** @param deliveryMode default mode for publishes, or null @return this */
    public Builder deliveryMode(@Nullable DeliveryMode deliveryMode) {
      this.deliveryMode = deliveryMode;
      return this;
    }

    /** @param key argument name @param value argument value @return this */
    public Builder argument(String key, Object value) {
      arguments.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** @param arguments replaces all arguments @return this */
    public Builder arguments(Map<String, ?> arguments) {
      this.arguments.clear();
      arguments.forEach(this::argument);
      return this;
    }

    /** @return the exchange */
    public Exchange build() {
      return new Exchange(this);
    }
  }
}
