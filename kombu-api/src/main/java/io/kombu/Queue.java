package io.kombu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A queue declaration: its name, where it is bound and Kombu's flags. A value: operations live on {@link Channel} and
 * {@link Consumer}.
 *
 * <p>Defaults are Kombu's: durable, not exclusive, not auto-delete, bound to the default exchange with routing key
 * {@code ""}. {@code exclusive} implies {@code autoDelete}. Giving {@linkplain Builder#bindings(List) bindings} replaces the
 * single exchange binding (Kombu sets {@code exchange} to {@code None}). The typed helpers ({@code messageTtl}, {@code
 * maxPriority}, ...) become the broker's {@code x-} arguments when declared and win over the same keys in
 * {@link #queueArguments()}; transports without such a feature ignore them, as Kombu's memory and SQS transports do.
 *
 * <pre>{@code
 * Queue audit = Queue.builder("orders.audit")
 *     .exchange(orders).routingKey("orders.#")
 *     .messageTtl(Duration.ofMinutes(10)).maxPriority(9)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class Queue implements Declarable {
  private final String name;
  private final @Nullable Exchange exchange;
  private final String routingKey;
  private final List<Binding> bindings;
  private final boolean durable;
  private final boolean exclusive;
  private final boolean autoDelete;
  private final boolean noAck;
  private final boolean noDeclare;
  private final Map<String, Object> queueArguments;
  private final Map<String, Object> bindingArguments;
  private final Map<String, Object> consumerArguments;
  private final @Nullable String alias;
  private final @Nullable Duration expires;
  private final @Nullable Duration messageTtl;
  private final @Nullable Integer maxLength;
  private final @Nullable Long maxLengthBytes;
  private final @Nullable Integer maxPriority;
  private final @Nullable String deadLetterExchange;
  private final @Nullable String deadLetterRoutingKey;
  private final @Nullable String queueType;

  private Queue(Builder b) {
    this.name = b.name;
    this.bindings = List.copyOf(b.bindings);
    this.exchange = bindings.isEmpty() ? b.exchange : null;
    this.routingKey = b.routingKey;
    this.durable = b.durable;
    this.exclusive = b.exclusive;
    this.autoDelete = b.autoDelete || b.exclusive;
    this.noAck = b.noAck;
    this.noDeclare = b.noDeclare;
    this.queueArguments = copy(b.queueArguments);
    this.bindingArguments = copy(b.bindingArguments);
    this.consumerArguments = copy(b.consumerArguments);
    this.alias = b.alias;
    this.expires = b.expires;
    this.messageTtl = b.messageTtl;
    this.maxLength = b.maxLength;
    this.maxLengthBytes = b.maxLengthBytes;
    this.maxPriority = b.maxPriority;
    this.deadLetterExchange = b.deadLetterExchange;
    this.deadLetterRoutingKey = b.deadLetterRoutingKey;
    this.queueType = b.queueType;
  }

  private static Map<String, Object> copy(Map<String, Object> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /**
   * @param name the queue name; {@code ""} asks the broker to name it
   * @return a builder with Kombu's defaults
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @param name queue name @return a durable queue on the default exchange, routing key {@code ""} */
  public static Queue of(String name) {
    return builder(name).build();
  }

  /**
   * @param name queue name
   * @param exchange exchange to bind to
   * @param routingKey binding key
   * @return the queue
   */
  public static Queue of(String name, Exchange exchange, String routingKey) {
    return builder(name).exchange(exchange).routingKey(routingKey).build();
  }

  /** @return a builder holding this queue's values */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    if (exchange != null) {
      b.exchange = exchange;
    }
    b.routingKey = routingKey;
    b.bindings.addAll(bindings);
    b.durable = durable;
    b.exclusive = exclusive;
    b.autoDelete = autoDelete;
    b.noAck = noAck;
    b.noDeclare = noDeclare;
    b.queueArguments.putAll(queueArguments);
    b.bindingArguments.putAll(bindingArguments);
    b.consumerArguments.putAll(consumerArguments);
    b.alias = alias;
    b.expires = expires;
    b.messageTtl = messageTtl;
    b.maxLength = maxLength;
    b.maxLengthBytes = maxLengthBytes;
    b.maxPriority = maxPriority;
    b.deadLetterExchange = deadLetterExchange;
    b.deadLetterRoutingKey = deadLetterRoutingKey;
    b.queueType = queueType;
    return b;
  }

  /** @return the name; {@code ""} when the broker is to choose it */
  @Override
  public String name() {
    return name;
  }

  /** @return the exchange the queue is bound to, or null when {@link #bindings()} are used instead */
  public @Nullable Exchange exchange() {
    return exchange;
  }

  /** @return the binding key used with {@link #exchange()} */
  public String routingKey() {
    return routingKey;
  }

  /** @return extra bindings; when not empty, {@link #exchange()} is null */
  public List<Binding> bindings() {
    return bindings;
  }

  /** @return survives a broker restart (default true) */
  public boolean durable() {
    return durable;
  }

  /** @return only this connection may use it; implies auto-delete (default false) */
  public boolean exclusive() {
    return exclusive;
  }

  /** @return deleted when its last consumer goes (default false; true when exclusive) */
  public boolean autoDelete() {
    return autoDelete;
  }

  /** @return consumers of this queue default to no-ack (default false) */
  public boolean noAck() {
    return noAck;
  }

  /** @return never declared (default false) */
  public boolean noDeclare() {
    return noDeclare;
  }

  /** @return raw declaration arguments; the typed helpers override the same keys */
  public Map<String, Object> queueArguments() {
    return queueArguments;
  }

  /** @return arguments for the exchange binding */
  public Map<String, Object> bindingArguments() {
    return bindingArguments;
  }

  /** @return arguments for basic.consume (e.g. {@code x-priority}) */
  public Map<String, Object> consumerArguments() {
    return consumerArguments;
  }

  /** @return an informational alias, or null */
  public @Nullable String alias() {
    return alias;
  }

  /** @return idle time after which the broker deletes the queue ({@code x-expires}), or null */
  public @Nullable Duration expires() {
    return expires;
  }

  /** @return how long a message may wait in the queue ({@code x-message-ttl}), or null */
  public @Nullable Duration messageTtl() {
    return messageTtl;
  }

  /** @return maximum number of messages ({@code x-max-length}), or null */
  public @Nullable Integer maxLength() {
    return maxLength;
  }

  /** @return maximum total body size ({@code x-max-length-bytes}), or null */
  public @Nullable Long maxLengthBytes() {
    return maxLengthBytes;
  }

  /** @return highest priority the queue honours ({@code x-max-priority}), or null */
  public @Nullable Integer maxPriority() {
    return maxPriority;
  }

  /** @return exchange that receives rejected or expired messages ({@code x-dead-letter-exchange}), or null */
  public @Nullable String deadLetterExchange() {
    return deadLetterExchange;
  }

  /** @return routing key for dead-lettered messages ({@code x-dead-letter-routing-key}), or null */
  public @Nullable String deadLetterRoutingKey() {
    return deadLetterRoutingKey;
  }

  /** @return broker queue type such as {@code quorum} or {@code stream} ({@code x-queue-type}), or null */
  public @Nullable String queueType() {
    return queueType;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Queue)) {
      return false;
    }
    Queue q = (Queue) o;
    return durable == q.durable
        && exclusive == q.exclusive
        && autoDelete == q.autoDelete
        && noAck == q.noAck
        && noDeclare == q.noDeclare
        && name.equals(q.name)
        && Objects.equals(exchange, q.exchange)
        && routingKey.equals(q.routingKey)
        && bindings.equals(q.bindings)
        && queueArguments.equals(q.queueArguments)
        && bindingArguments.equals(q.bindingArguments)
        && consumerArguments.equals(q.consumerArguments)
        && Objects.equals(alias, q.alias)
        && Objects.equals(expires, q.expires)
        && Objects.equals(messageTtl, q.messageTtl)
        && Objects.equals(maxLength, q.maxLength)
        && Objects.equals(maxLengthBytes, q.maxLengthBytes)
        && Objects.equals(maxPriority, q.maxPriority)
        && Objects.equals(deadLetterExchange, q.deadLetterExchange)
        && Objects.equals(deadLetterRoutingKey, q.deadLetterRoutingKey)
        && Objects.equals(queueType, q.queueType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, exchange, routingKey, bindings, durable, exclusive, autoDelete, noAck, noDeclare,
        queueArguments, bindingArguments, consumerArguments, alias, expires, messageTtl, maxLength, maxLengthBytes,
        maxPriority, deadLetterExchange, deadLetterRoutingKey, queueType);
  }

  @Override
  public String toString() {
    String target = exchange != null ? exchange.name() + " -> " + routingKey : "bindings=" + bindings;
    return "Queue(" + name + ", " + target + ")";
  }

  /** Builds a {@link Queue}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private Exchange exchange = Exchange.DEFAULT;
    private String routingKey = "";
    private final List<Binding> bindings = new ArrayList<>();
    private boolean durable = true;
    private boolean exclusive;
    private boolean autoDelete;
    private boolean noAck;
    private boolean noDeclare;
    private final Map<String, Object> queueArguments = new LinkedHashMap<>();
    private final Map<String, Object> bindingArguments = new LinkedHashMap<>();
    private final Map<String, Object> consumerArguments = new LinkedHashMap<>();
    private @Nullable String alias;
    private @Nullable Duration expires;
    private @Nullable Duration messageTtl;
    private @Nullable Integer maxLength;
    private @Nullable Long maxLengthBytes;
    private @Nullable Integer maxPriority;
    private @Nullable String deadLetterExchange;
    private @Nullable String deadLetterRoutingKey;
    private @Nullable String queueType;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** @param exchange exchange to bind to @return this */
    public Builder exchange(Exchange exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      return this;
    }

    /** @param exchangeName a durable direct exchange of this name, as Kombu does for a string @return this */
    public Builder exchange(String exchangeName) {
      return exchange(Exchange.of(exchangeName));
    }

    /** @param routingKey binding key @return this */
    public Builder routingKey(String routingKey) {
      this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
      return this;
    }

    /** @param bindings bindings that replace the single exchange binding @return this */
    public Builder bindings(List<Binding> bindings) {
      this.bindings.clear();
      this.bindings.addAll(bindings);
      return this;
    }

    /** @param binding one more binding @return this */
    public Builder binding(Binding binding) {
      this.bindings.add(Objects.requireNonNull(binding, "binding"));
      return this;
    }

    /** @param durable survive broker restarts @return this */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /** @param exclusive only this connection; implies auto-delete @return this */
    public Builder exclusive(boolean exclusive) {
      this.exclusive = exclusive;
      return this;
    }

    /** @param autoDelete delete when unused @return this */
    public Builder autoDelete(boolean autoDelete) {
      this.autoDelete = autoDelete;
      return this;
    }

    /** @param noAck consumers default to no-ack @return this */
    public Builder noAck(boolean noAck) {
      this.noAck = noAck;
      return this;
    }

    /** @param noDeclare never declare @return this */
    public Builder noDeclare(boolean noDeclare) {
      this.noDeclare = noDeclare;
      return this;
    }

    /** @param arguments raw declaration arguments @return this */
    public Builder queueArguments(Map<String, ?> arguments) {
      putAll(queueArguments, arguments);
      return this;
    }

    /** @param arguments binding arguments @return this */
    public Builder bindingArguments(Map<String, ?> arguments) {
      putAll(bindingArguments, arguments);
      return this;
    }

    /** @param arguments consume arguments @return this */
    public Builder consumerArguments(Map<String, ?> arguments) {
      putAll(consumerArguments, arguments);
      return this;
    }

    private static void putAll(Map<String, Object> target, Map<String, ?> source) {
      target.clear();
      source.forEach((k, v) -> target.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
    }

    /** @param alias informational alias @return this */
    public Builder alias(@Nullable String alias) {
      this.alias = alias;
      return this;
    }

    /** @param expires idle time before deletion, or null @return this */
    public Builder expires(@Nullable Duration expires) {
      this.expires = expires;
      return this;
    }

    /** @param messageTtl per-message time to live, or null @return this */
    public Builder messageTtl(@Nullable Duration messageTtl) {
      this.messageTtl = messageTtl;
      return this;
    }

    /** @param maxLength maximum message count, or null @return this */
    public Builder maxLength(@Nullable Integer maxLength) {
      this.maxLength = maxLength;
      return this;
    }

    /** @param maxLengthBytes maximum total size, or null @return this */
    public Builder maxLengthBytes(@Nullable Long maxLengthBytes) {
      this.maxLengthBytes = maxLengthBytes;
      return this;
    }

    /** @param maxPriority highest priority (1-255 on RabbitMQ), or null @return this */
    public Builder maxPriority(@Nullable Integer maxPriority) {
      this.maxPriority = maxPriority;
      return this;
    }

    /** @param exchange dead-letter exchange name, or null @return this */
    public Builder deadLetterExchange(@Nullable String exchange) {
      this.deadLetterExchange = exchange;
      return this;
    }

    /** @param routingKey dead-letter routing key, or null @return this */
    public Builder deadLetterRoutingKey(@Nullable String routingKey) {
      this.deadLetterRoutingKey = routingKey;
      return this;
    }

    /** @param queueType {@code classic}, {@code quorum} or {@code stream}, or null @return this */
    public Builder queueType(@Nullable String queueType) {
      this.queueType = queueType;
      return this;
    }

    /** @return the queue */
    public Queue build() {
      return new Queue(this);
    }
  }
}
