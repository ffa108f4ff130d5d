package io.kombu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One extra binding of a queue: an exchange, a binding key and arguments (Kombu's {@code binding(exchange, routing_key,
 * arguments, unbind_arguments)}). A queue declared with bindings is bound once per binding.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class Binding {
  private final Exchange exchange;
  private final String routingKey;
  private final Map<String, Object> arguments;
  private final Map<String, Object> unbindArguments;

  private Binding(Builder b) {
    this.exchange = b.exchange;
    this.routingKey = b.routingKey;
    this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(b.arguments));
    this.unbindArguments = Collections.unmodifiableMap(new LinkedHashMap<>(b.unbindArguments));
  }

  /** @param exchange the exchange to bind to @return a builder with an empty key */
  public static Builder builder(Exchange exchange) {
    return new Builder(exchange);
  }

  /** @param exchange exchange @param routingKey binding key @return the binding */
  public static Binding of(Exchange exchange, String routingKey) {
    return builder(exchange).routingKey(routingKey).build();
  }

  /** @return a builder holding this binding's values */
  public Builder toBuilder() {
    return builder(exchange).routingKey(routingKey).arguments(arguments).unbindArguments(unbindArguments);
  }

  /** @return the exchange */
  public Exchange exchange() {
    return exchange;
  }

  /** @return the binding key (a pattern for topic exchanges) */
  public String routingKey() {
    return routingKey;
  }

  /** @return binding arguments (headers exchanges match on these) */
  public Map<String, Object> arguments() {
    return arguments;
  }

  /** @return arguments used when unbinding */
  public Map<String, Object> unbindArguments() {
    return unbindArguments;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Binding)) {
      return false;
    }
    Binding b = (Binding) o;
    return exchange.equals(b.exchange) && routingKey.equals(b.routingKey) && arguments.equals(b.arguments)
        && unbindArguments.equals(b.unbindArguments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, routingKey, arguments, unbindArguments);
  }

  @Override
  public String toString() {
    return "Binding(" + exchange.name() + " -> " + routingKey + (arguments.isEmpty() ? "" : ", " + arguments) + ")";
  }

  /** Builds a {@link Binding}. Not thread-safe. */
  public static final class Builder {
    private final Exchange exchange;
    private String routingKey = "";
    private final Map<String, Object> arguments = new LinkedHashMap<>();
    private final Map<String, Object> unbindArguments = new LinkedHashMap<>();

    private Builder(Exchange exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /** @param routingKey binding key @return this */
    public Builder routingKey(String routingKey) {
      this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
      return this;
    }

    /** @param arguments binding arguments @return this */
    public Builder arguments(Map<String, ?> arguments) {
      this.arguments.clear();
      arguments.forEach((k, v) -> this.arguments.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
      return this;
    }

    /** @param arguments arguments for unbinding @return this */
    public Builder unbindArguments(Map<String, ?> arguments) {
      this.unbindArguments.clear();
      arguments.forEach((k, v) -> this.unbindArguments.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
      return this;
    }

    /** @return the binding */
    public Binding build() {
      return new Binding(this);
    }
  }
}
