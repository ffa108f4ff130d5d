package io.kombu.transport.amqp;

import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import io.kombu.transport.amqp.internal.AmqpDefaults;
import io.kombu.transport.amqp.internal.AmqpSettings;
import io.kombu.transport.amqp.internal.AmqpTransport;
import java.util.Objects;
import java.util.Set;

/**
 * The native AMQP 0-9-1 transport (RabbitMQ), Kombu's {@code amqp}/{@code pyamqp} transport: URL schemes {@code amqp},
 * {@code amqps} (TLS) and {@code pyamqp}. Defaults: user and password {@code guest}, port 5672 (5671 with TLS), virtual
 * host {@code /}. Transport options: {@code confirm_publish}, {@code confirm_timeout}, {@code connection_name}.
 *
 * <p>Found by {@link java.util.ServiceLoader}; construction touches no client class. Thread-safety: thread-safe.
 */
public final class AmqpTransportProvider implements TransportProvider {
  private static final Set<String> SCHEMES = Set.of("amqp", "amqps", "pyamqp");
  private static final TransportCapabilities CAPABILITIES = TransportCapabilities.builder()
      .exchangeTypes(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS)
      .priority(true)
      .messageTtl(true)
      .heartbeats(true)
      .publisherConfirms(true)
      .mandatoryReturns(true)
      .exchangeToExchangeBindings(true)
      // RabbitMQ refuses channel.flow(active=false), so pausing a channel is not something we can offer.
      .flowControl(false)
      .persistent(true)
      .nativeProtocol(true)
      .build();

  /** Used by {@link java.util.ServiceLoader}; cheap. */
  public AmqpTransportProvider() {}

  @Override
  public String name() {
    return "amqp";
  }

  @Override
  public Set<String> schemes() {
    return SCHEMES;
  }

  @Override
  public TransportCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public BrokerUrl applyDefaults(BrokerUrl url) {
    return AmqpDefaults.apply(Objects.requireNonNull(url, "url"));
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    return new AmqpTransport(AmqpSettings.of(applyDefaults(url), options), CAPABILITIES);
  }
}
