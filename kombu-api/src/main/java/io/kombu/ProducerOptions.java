package io.kombu;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A producer's defaults (Kombu's {@code Producer(channel, exchange, routing_key, serializer, compression, auto_declare,
 * on_return)}): exchange {@link Exchange#DEFAULT}, routing key {@code ""}, serializer json, no compression, auto-declare on.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class ProducerOptions {
  private static final ProducerOptions DEFAULTS = builder().build();

  private final Exchange exchange;
  private final String routingKey;
  private final @Nullable String serializer;
  private final @Nullable String compression;
  private final boolean autoDeclare;
  private final @Nullable ReturnListener onReturn;

  private ProducerOptions(Builder b) {
    this.exchange = b.exchange;
    this.routingKey = b.routingKey;
    this.serializer = b.serializer;
    this.compression = b.compression;
    this.autoDeclare = b.autoDeclare;
    this.onReturn = b.onReturn;
  }

  /** @return Kombu's producer defaults */
  public static ProducerOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder with Kombu's defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    return builder().exchange(exchange).routingKey(routingKey).serializer(serializer).compression(compression)
        .autoDeclare(autoDeclare).onReturn(onReturn);
  }

  /** @return default exchange for publishes */
  public Exchange exchange() {
    return exchange;
  }

  /** @return default routing key */
  public String routingKey() {
    return routingKey;
  }

  /** @return default serializer, or null for json */
  public @Nullable String serializer() {
    return serializer;
  }

  /** @return default compression, or null for none */
  public @Nullable String compression() {
    return compression;
  }

  /** @return whether the exchange is declared (once, cached) before publishing */
  public boolean autoDeclare() {
    return autoDeclare;
  }

  /** @return receiver of returned mandatory messages, or null */
  public @Nullable ReturnListener onReturn() {
    return onReturn;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProducerOptions)) {
      return false;
    }
    ProducerOptions p = (ProducerOptions) o;
    return autoDeclare == p.autoDeclare && exchange.equals(p.exchange) && routingKey.equals(p.routingKey)
        && Objects.equals(serializer, p.serializer) && Objects.equals(compression, p.compression)
        && Objects.equals(onReturn, p.onReturn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, routingKey, serializer, compression, autoDeclare, onReturn);
  }

  @Override
  public String toString() {
    return "ProducerOptions(exchange=" + exchange.name() + ", routingKey=" + routingKey + ", serializer=" + serializer
        + ", compression=" + compression + ", autoDeclare=" + autoDeclare + ")";
  }

  /** Builds {@link ProducerOptions}. Not thread-safe. */
  public static final class Builder {
    private Exchange exchange = Exchange.DEFAULT;
    private String routingKey = "";
    private @Nullable String serializer;
    private @Nullable String compression;
    private boolean autoDeclare = true;
    private @Nullable ReturnListener onReturn;

    private Builder() {}

    /** @param exchange default exchange @return this */
    public Builder exchange(Exchange exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      return this;
    }

    /** @param routingKey default routing key @return this */
    public Builder routingKey(String routingKey) {
      this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
      return this;
    }

    /** @param serializer default serializer @return this */
    public Builder serializer(@Nullable String serializer) {
      this.serializer = serializer;
      return this;
    }

    /** @param compression default compression @return this */
    public Builder compression(@Nullable String compression) {
      this.compression = compression;
      return this;
    }

    /** @param autoDeclare declare the exchange before publishing @return this */
    public Builder autoDeclare(boolean autoDeclare) {
      this.autoDeclare = autoDeclare;
      return this;
    }

    /** @param onReturn receiver of returned messages @return this */
    public Builder onReturn(@Nullable ReturnListener onReturn) {
      this.onReturn = onReturn;
      return this;
    }

    /** @return the options */
    public ProducerOptions build() {
      return new ProducerOptions(this);
    }
  }
}
