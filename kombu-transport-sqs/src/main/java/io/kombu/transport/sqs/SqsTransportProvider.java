package io.kombu.transport.sqs;

import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import io.kombu.transport.sqs.internal.SqsTransport;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code sqs://} transport (Kombu's {@code SQS}): Amazon SQS, or an SQS-compatible server such as ElasticMQ or
 * LocalStack, through the AWS SDK for Java v2, wire-compatible with Python Kombu's SQS transport.
 *
 * <p>URL: {@code sqs://[ACCESS_KEY_ID:SECRET_ACCESS_KEY@][host[:port]]}. Without credentials the SDK's default chain is
 * used; a host becomes the endpoint ({@code http://host:port}, or {@code https} with transport option {@code
 * is_secure=true}); without a host the regional AWS endpoint is used. The transport options are Kombu's ({@code
 * region}, {@code queue_name_prefix}, {@code visibility_timeout}, {@code wait_time_seconds}, {@code polling_interval},
 * {@code predefined_queues}, ...); see the module README.
 *
 * <p>Routes direct and topic exchanges (bindings live in each connection's memory, as in Kombu). SQS has no fanout
 * without SNS, which this transport does not implement: publishing to a fanout exchange throws. No priority, no message
 * TTL.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SqsTransportProvider implements TransportProvider {
  private static final TransportCapabilities CAPABILITIES = TransportCapabilities.builder()
      .exchangeTypes(ExchangeType.DIRECT, ExchangeType.TOPIC)
      .priority(false)
      .messageTtl(false)
      .persistent(true)
      .build();

  /** Used by ServiceLoader; cheap, touches no AWS SDK class. */
  public SqsTransportProvider() {}

  @Override
  public String name() {
    return "sqs";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("sqs");
  }

  @Override
  public TransportCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    return new SqsTransport(url, options, Clock.systemUTC(), CAPABILITIES);
  }

  @Override
  public String toString() {
    return "SqsTransportProvider";
  }
}
