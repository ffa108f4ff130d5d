package io.kombu.spi;

import io.kombu.ExchangeType;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a transport can do (Kombu's {@code Transport.implements}); the conformance kit runs only the groups a transport
 * claims, and core refuses unsupported operations with a clear error instead of silently doing nothing.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class TransportCapabilities {
  private final Set<ExchangeType> exchangeTypes;
  private final boolean priority;
  private final boolean messageTtl;
  private final boolean heartbeats;
  private final boolean publisherConfirms;
  private final boolean mandatoryReturns;
  private final boolean exchangeToExchangeBindings;
  private final boolean flowControl;
  private final boolean persistent;
  private final boolean nativeProtocol;

  private TransportCapabilities(Builder b) {
    this.exchangeTypes = Set.copyOf(b.exchangeTypes);
    this.priority = b.priority;
    this.messageTtl = b.messageTtl;
    this.heartbeats = b.heartbeats;
    this.publisherConfirms = b.publisherConfirms;
    this.mandatoryReturns = b.mandatoryReturns;
    this.exchangeToExchangeBindings = b.exchangeToExchangeBindings;
    this.flowControl = b.flowControl;
    this.persistent = b.persistent;
    this.nativeProtocol = b.nativeProtocol;
  }

  /** @return a builder that claims nothing but the direct exchange */
  public static Builder builder() {
    return new Builder();
  }

  /** @param type exchange type @return whether it routes that type */
  public boolean supports(ExchangeType type) {
    return exchangeTypes.contains(type);
  }

  /** @return exchange types it routes */
  public Set<ExchangeType> exchangeTypes() {
    return exchangeTypes;
  }

  /** @return honours message priority */
  public boolean priority() {
    return priority;
  }

  /** @return expires messages by TTL */
  public boolean messageTtl() {
    return messageTtl;
  }

  /** @return has protocol heartbeats */
  public boolean heartbeats() {
    return heartbeats;
  }

  /** @return can confirm publishes */
  public boolean publisherConfirms() {
    return publisherConfirms;
  }

  /** @return returns unroutable mandatory messages */
  public boolean mandatoryReturns() {
    return mandatoryReturns;
  }

  /** @return binds exchanges to exchanges */
  public boolean exchangeToExchangeBindings() {
    return exchangeToExchangeBindings;
  }

  /** @return supports channel flow control */
  public boolean flowControl() {
    return flowControl;
  }

  /** @return messages survive the client process (false for memory) */
  public boolean persistent() {
    return persistent;
  }

  /** @return speaks the broker's own protocol (AMQP) rather than the virtual emulation */
  public boolean nativeProtocol() {
    return nativeProtocol;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TransportCapabilities)) {
      return false;
    }
    TransportCapabilities c = (TransportCapabilities) o;
    return priority == c.priority && messageTtl == c.messageTtl && heartbeats == c.heartbeats
        && publisherConfirms == c.publisherConfirms && mandatoryReturns == c.mandatoryReturns
        && exchangeToExchangeBindings == c.exchangeToExchangeBindings && flowControl == c.flowControl
        && persistent == c.persistent && nativeProtocol == c.nativeProtocol && exchangeTypes.equals(c.exchangeTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchangeTypes, priority, messageTtl, heartbeats, publisherConfirms, mandatoryReturns,
        exchangeToExchangeBindings, flowControl, persistent, nativeProtocol);
  }

  @Override
  public String toString() {
    return "TransportCapabilities(exchangeTypes=" + exchangeTypes + ", priority=" + priority + ", ttl=" + messageTtl
        + ", heartbeats=" + heartbeats + ", confirms=" + publisherConfirms + ", returns=" + mandatoryReturns + ")";
  }

  /** Builds {@link TransportCapabilities}. Not thread-safe. */
  public static final class Builder {
    private final Set<ExchangeType> exchangeTypes = new LinkedHashSet<>(Set.of(ExchangeType.DIRECT));
    private boolean priority;
    private boolean messageTtl;
    private boolean heartbeats;
    private boolean publisherConfirms;
    private boolean mandatoryReturns;
    private boolean exchangeToExchangeBindings;
    private boolean flowControl;
    private boolean persistent;
    private boolean nativeProtocol;

    private Builder() {}

    /** @param types exchange types it routes @return this */
    public Builder exchangeTypes(ExchangeType... types) {
      exchangeTypes.clear();
      for (ExchangeType t : types) {
        exchangeTypes.add(Objects.requireNonNull(t));
      }
      return this;
    }

    /** @param v honours priority @return this */
    public Builder priority(boolean v) {
      priority = v;
      return this;
    }

    /** @param v message TTL @return this */
    public Builder messageTtl(boolean v) {
      messageTtl = v;
      return this;
    }

    /** @param v heartbeats @return this */
    public Builder heartbeats(boolean v) {
      heartbeats = v;
      return this;
    }

    /** @param v publisher confirms @return this */
    public Builder publisherConfirms(boolean v) {
      publisherConfirms = v;
      return this;
    }

    /** @param v mandatory returns @return this */
    public Builder mandatoryReturns(boolean v) {
      mandatoryReturns = v;
      return this;
    }

    /** @param v exchange-to-exchange bindings @return this */
    public Builder exchangeToExchangeBindings(boolean v) {
      exchangeToExchangeBindings = v;
      return this;
    }

    /** @param v flow control @return this */
    public Builder flowControl(boolean v) {
      flowControl = v;
      return this;
    }

    /** @param v messages outlive the process @return this */
    public Builder persistent(boolean v) {
      persistent = v;
      return this;
    }

    /** @param v native protocol @return this */
    public Builder nativeProtocol(boolean v) {
      nativeProtocol = v;
      return this;
    }

    /** @return the capabilities */
    public TransportCapabilities build() {
      return new TransportCapabilities(this);
    }
  }
}
