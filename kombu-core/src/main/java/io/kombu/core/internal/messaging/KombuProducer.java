package io.kombu.core.internal.messaging;

import io.kombu.Channel;
import io.kombu.ChannelException;
import io.kombu.Declarable;
import io.kombu.DeliveryMode;
import io.kombu.EncodeException;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.PublishOptions;
import io.kombu.RetryPolicy;
import io.kombu.core.CompressorRegistry;
import io.kombu.core.SerializerRegistry;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.TransportChannel;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's {@code Producer}: resolves publish arguments (spec §4 steps 1-8), serializes, compresses, declares through the
 * connection's cache and publishes, through {@code ensure} when a retry policy is given.
 *
 * <p>Thread-safety: not thread-safe, like the channel it publishes on.
 */
public final class KombuProducer implements Producer {
  private static final Logger log = LoggerFactory.getLogger(KombuProducer.class);

  private final KombuConnection connection;
  private final ProducerOptions options;
  private @Nullable Channel channel;
  /** Created from the connection (Kombu's Producer(connection)): follows its default channel, also after reconnects. */
  private final boolean followsDefaultChannel;
  private boolean closed;
  /** The options of the last publish and what they resolved to (see {@link #resolve}). */
  private @Nullable PublishOptions lastOptions;
  private @Nullable Resolved lastResolved;

  /**
   * @param connection the connection
   * @param channel the channel, or null to use the connection's default channel when first needed
   * @param options the producer's defaults
   */
  public KombuProducer(KombuConnection connection, @Nullable Channel channel, ProducerOptions options) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.channel = channel;
    this.followsDefaultChannel = channel == null;
    this.options = Objects.requireNonNull(options, "options");
    if (options.onReturn() != null && channel instanceof KombuChannel) {
      installReturnListener((KombuChannel) channel);
    }
  }

  private void installReturnListener(KombuChannel ch) {
    io.kombu.ReturnListener listener = options.onReturn();
    if (listener == null) {
      return;
    }
    ch.delegate().setReturnCallback((replyCode, replyText, exchange, routingKey, delivery) -> listener.onReturn(
        new io.kombu.ReturnedMessage(replyCode, replyText, exchange, routingKey, ch.message(delivery, true, null))));
  }

  @Override
  public void publish(@Nullable Object body) {
    publish(body, PublishOptions.defaults());
  }

  @Override
  public void publish(@Nullable Object body, PublishOptions publishOptions) {
    Objects.requireNonNull(publishOptions, "options");
    publishResolved(Collections.singletonList(body), publishOptions);
  }

  @Override
  public void publishAll(Collection<?> bodies, PublishOptions publishOptions) {
    Objects.requireNonNull(bodies, "bodies");
    Objects.requireNonNull(publishOptions, "options");
    if (bodies.isEmpty()) {
      return;
    }
    // ArrayList, not List.copyOf: a serializer may accept null bodies.
    publishResolved(new ArrayList<>(bodies), publishOptions);
  }

  /** The one publish path: resolves the options once, prepares every body, declares once, sends the batch. */
  private void publishResolved(List<?> bodies, PublishOptions publishOptions) {
    // 1. defaults
    String routingKey = publishOptions.routingKey() != null ? publishOptions.routingKey() : options.routingKey();
    String compression = publishOptions.compression() != null ? publishOptions.compression() : options.compression();
    Exchange exchange = publishOptions.exchange() != null ? publishOptions.exchange() : options.exchange();

    // 2., 3. and 6. properties and declare list
    Resolved resolved = resolve(publishOptions, exchange);
    Map<String, Object> properties = resolved.properties;
    List<Declarable> declare = resolved.declare;

    // 4. + 5. every body, encoded before anything is sent so that an EncodeException sends nothing
    List<OutboundMessage> messages = new ArrayList<>(bodies.size());
    long totalBytes = 0;
    for (Object body : bodies) {
      OutboundMessage message = prepare(body, publishOptions, compression, properties);
      totalBytes += message.body().length;
      messages.add(message);
    }

    // 7. + 8. publish, through ensure when asked
    RetryPolicy retry = publishOptions.retryPolicy();
    String exchangeName = exchange.name();
    boolean mandatory = publishOptions.mandatory();
    Duration confirmTimeout = publishOptions.confirmTimeout();
    if (retry == null) {
      send(channel(), declare, messages, exchangeName, routingKey, mandatory, confirmTimeout);
    } else {
      connection.ensure(ch -> {
        send(ch, declare, messages, exchangeName, routingKey, mandatory, confirmTimeout);
        return null;
      }, retry, channelForRetry(), this::revive);
    }
    if (log.isDebugEnabled()) {
      log.debug("Published {} message(s), {} bytes ({}) to exchange '{}' with routing key '{}'", messages.size(),
          totalBytes, messages.get(0).contentType(), exchangeName, routingKey);
    }
  }

  /** What one PublishOptions resolves to for this producer: properties (steps 2, 3) and the declare list (step 6). */
  private record Resolved(Map<String, Object> properties, List<Declarable> declare) {}

  /**
   * Resolves the options. The result depends only on the (immutable) options, which callers usually reuse, so the last
   * one is kept rather than rebuilt for every message.
   */
  private Resolved resolve(PublishOptions publishOptions, Exchange exchange) {
    Resolved last = lastResolved;
    if (last != null && publishOptions == lastOptions) {
      return last;
    }
    // Properties in Kombu's order: the caller's, then delivery_mode, expiration and priority.
    Map<String, Object> properties = new LinkedHashMap<>(publishOptions.properties());
    properties.put("delivery_mode", deliveryMode(publishOptions, exchange).value());
    Duration expiration = publishOptions.expiration();
    if (expiration != null) {
      properties.put("expiration", Long.toString(expiration.toMillis()));
    }
    Integer priority = publishOptions.priority();
    properties.put("priority", priority == null ? 0 : priority);
    // The producer's own exchange is declared last, as Kombu appends it.
    List<Declarable> declare = new ArrayList<>(publishOptions.declare());
    if (options.autoDeclare() && !options.exchange().name().isEmpty() && !declare.contains(options.exchange())) {
      declare.add(options.exchange());
    }
    Resolved resolved = new Resolved(Collections.unmodifiableMap(properties), List.copyOf(declare));
    lastOptions = publishOptions;
    lastResolved = resolved;
    return resolved;
  }

  /** Steps 4 and 5: serializes the body and compresses it; a copy of the caller's headers gets the codec's type. */
  private OutboundMessage prepare(@Nullable Object body, PublishOptions publishOptions, @Nullable String compression,
      Map<String, Object> properties) {
    Encoded encoded = encode(body, publishOptions);
    byte[] bytes = encoded.body;
    Map<String, Object> headers = publishOptions.headers();
    if (compression != null) {
      CompressorRegistry.Compressed compressed = compressors().compress(bytes, compression);
      bytes = compressed.body();
      headers = new LinkedHashMap<>(headers);
      headers.put("compression", compressed.contentType());
    }
    return new OutboundMessage(bytes, encoded.contentType, encoded.contentEncoding, headers, properties);
  }

  private static void send(Channel ch, List<Declarable> declare, List<OutboundMessage> messages, String exchange,
      String routingKey, boolean mandatory, @Nullable Duration confirmTimeout) {
    for (Declarable entity : declare) {
      ch.maybeDeclare(entity);
    }
    TransportChannel delegate = ((KombuChannel) ch).delegate();
    if (messages.size() == 1) {
      delegate.basicPublish(messages.get(0), exchange, routingKey, mandatory, confirmTimeout);
    } else {
      delegate.basicPublishAll(messages, exchange, routingKey, mandatory, confirmTimeout);
    }
  }

  private static DeliveryMode deliveryMode(PublishOptions publishOptions, Exchange exchange) {
    if (publishOptions.deliveryMode() != null) {
      return publishOptions.deliveryMode();
    }
    if (exchange.deliveryMode() != null) {
      return exchange.deliveryMode();
    }
    return DeliveryMode.PERSISTENT;
  }

  private record Encoded(byte[] body, @Nullable String contentType, @Nullable String contentEncoding) {}

  private Encoded encode(@Nullable Object body, PublishOptions publishOptions) {
    String contentType = publishOptions.contentType();
    if (contentType == null) {
      String serializer = publishOptions.serializer() != null ? publishOptions.serializer() : options.serializer();
      SerializerRegistry.Encoded e = serializers().dumps(body, serializer);
      return new Encoded(e.body(), e.contentType(), e.contentEncoding());
    }
    String encoding = publishOptions.contentEncoding();
    if (body instanceof String) {
      String enc = encoding == null ? "utf-8" : encoding;
      return new Encoded(((String) body).getBytes(charset(enc)), contentType, enc);
    }
    if (body instanceof byte[]) {
      return new Encoded((byte[]) body, contentType, encoding == null ? "binary" : encoding);
    }
    throw new EncodeException("A content type (" + contentType + ") was given, so the body must already be serialized as a "
        + "String or byte[], but it is " + (body == null ? "null" : body.getClass().getName())
        + ". Leave the content type unset to serialize the body with a serializer");
  }

  private static Charset charset(String encoding) {
    if (encoding.equalsIgnoreCase("utf-8") || encoding.equalsIgnoreCase("utf8")) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new EncodeException("Unknown content encoding '" + encoding + "': use a Java charset name such as utf-8", e);
    }
  }

  private SerializerRegistry serializers() {
    return connection.settings().serializers();
  }

  private CompressorRegistry compressors() {
    return connection.settings().compressors();
  }

  @Override
  public Exchange exchange() {
    return options.exchange();
  }

  @Override
  public String routingKey() {
    return options.routingKey();
  }

  @Override
  public Channel channel() {
    Channel ch = channel;
    if (ch != null && !ch.isOpen() && !followsDefaultChannel) {
      // Publishing elsewhere than the channel the caller chose would be a surprise; ensure() revives on a new one.
      throw new ChannelException("channel " + ch.channelId() + " of this producer is closed: revive the producer on an"
          + " open channel, or create it from the connection to follow the default channel");
    }
    if (ch == null || !ch.isOpen()) {
      ch = connection.defaultChannel();
      channel = ch;
      installReturnListener((KombuChannel) ch);
    }
    return ch;
  }

  /**
   * @return the channel to publish on, or null when this producer follows the default channel and has none open yet:
   *     then {@code ensure} connects under the publish's retry policy and revives this producer on the channel it opens
   */
  private @Nullable Channel channelForRetry() {
    Channel ch = channel;
    if (followsDefaultChannel && (ch == null || !ch.isOpen())) {
      return null;
    }
    return channel();
  }

  @Override
  public Producer declare() {
    if (!options.exchange().name().isEmpty()) {
      channel().declare(options.exchange());
    }
    return this;
  }

  @Override
  public boolean maybeDeclare(Declarable entity) {
    return channel().maybeDeclare(entity);
  }

  @Override
  public void revive(Channel newChannel) {
    this.channel = Objects.requireNonNull(newChannel, "channel");
    if (newChannel instanceof KombuChannel) {
      installReturnListener((KombuChannel) newChannel);
    }
  }

  @Override
  public void close() {
    if (closed) {
      log.debug("Producer already closed");
    }
    closed = true;
  }

  @Override
  public String toString() {
    return "Producer(exchange=" + options.exchange().name() + ", routingKey=" + options.routingKey() + ")";
  }
}
