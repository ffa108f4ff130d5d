package io.kombu.core.internal.messaging;

import io.kombu.Binding;
import io.kombu.Channel;
import io.kombu.ConfigurationException;
import io.kombu.ConnectionException;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Declarable;
import io.kombu.Exchange;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.Queue;
import io.kombu.QueueDeclareResult;
import io.kombu.spi.Delivery;
import io.kombu.spi.TransportChannel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Channel} over a transport's {@link TransportChannel}: applies Kombu's declaration rules (skip the default and
 * {@code amq.*} exchanges, x-argument mapping, the connection's declaration cache) and turns deliveries into messages.
 *
 * <p>Thread-safety: not thread-safe, except {@link #close()}, which may be called from any thread.
 */
public final class KombuChannel implements Channel {
  private static final Logger log = LoggerFactory.getLogger(KombuChannel.class);

  private final KombuConnection connection;
  private final TransportChannel delegate;
  private volatile boolean closed;

  KombuChannel(KombuConnection connection, TransportChannel delegate) {
    this.connection = connection;
    this.delegate = delegate;
  }

  /** @return the transport's channel */
  public TransportChannel delegate() {
    return delegate;
  }

  @Override
  public int channelId() {
    return delegate.channelId();
  }

  @Override
  public boolean isOpen() {
    return !closed && delegate.isOpen();
  }

  @Override
  public KombuConnection connection() {
    return connection;
  }

  // ---------------------------------------------------------------- declarations

  @Override
  public void declare(Exchange exchange) {
    Objects.requireNonNull(exchange, "exchange");
    if (exchange.noDeclare() || exchange.isDefault() || exchange.name().startsWith("amq.")) {
      return;
    }
    if (!connection.supportsExchangeType(exchange.type())) {
      throw new ConfigurationException("The " + connection.transportName() + " transport does not support exchange type '"
          + exchange.type().name() + "' (exchange '" + exchange.name() + "'). Supported types: "
          + connection.capabilities().exchangeTypes() + "; choose one of them or use a transport that routes this type");
    }
    delegate.exchangeDeclare(exchange);
  }

  @Override
  public QueueDeclareResult declare(Queue queue) {
    Objects.requireNonNull(queue, "queue");
    if (queue.noDeclare()) {
      return new QueueDeclareResult(queue.name(), 0, 0);
    }
    Exchange exchange = queue.exchange();
    if (exchange != null) {
      declare(exchange);
    }
    QueueDeclareResult result = delegate.queueDeclare(
        queue.name(), false, queue.durable(), queue.exclusive(), queue.autoDelete(), QueueArguments.of(queue));
    if (exchange != null && !exchange.name().isEmpty()) {
      delegate.queueBind(result.name(), exchange.name(), queue.routingKey(), queue.bindingArguments());
    }
    for (Binding binding : queue.bindings()) {
      declare(binding.exchange());
      delegate.queueBind(result.name(), binding.exchange().name(), binding.routingKey(), binding.arguments());
    }
    return result;
  }

  @Override
  public boolean maybeDeclare(Declarable entity) {
    Objects.requireNonNull(entity, "entity");
    if (!isOpen()) {
      throw new ConnectionException("Cannot declare " + QueueArguments.cacheKey(entity)
          + ": the channel is closed. Open a new channel or reconnect");
    }
    boolean cacheable = QueueArguments.cacheable(entity);
    String key = QueueArguments.cacheKey(entity);
    Set<String> cache = connection.declarationCache();
    if (cacheable && cache.contains(key)) {
      return false;
    }
    if (entity instanceof Exchange) {
      declare((Exchange) entity);
    } else {
      declare((Queue) entity);
    }
    if (cacheable) {
      cache.add(key);
    }
    return true;
  }

  @Override
  public QueueDeclareResult queueDeclarePassive(String queueName) {
    return delegate.queueDeclare(Objects.requireNonNull(queueName, "queueName"), true, false, false, false, Map.of());
  }

  @Override
  public void exchangeDelete(String name, boolean ifUnused) {
    delegate.exchangeDelete(name, ifUnused);
    connection.declarationCache().remove("E|" + name);
  }

  @Override
  public void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    delegate.exchangeBind(destination, source, routingKey, arguments);
  }

  @Override
  public void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    delegate.exchangeUnbind(destination, source, routingKey, arguments);
  }

  @Override
  public void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    delegate.queueBind(queue, exchange, routingKey, arguments);
  }

  @Override
  public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    delegate.queueUnbind(queue, exchange, routingKey, arguments);
  }

  @Override
  public long queuePurge(String queue) {
    return delegate.queuePurge(queue);
  }

  @Override
  public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
    long deleted = delegate.queueDelete(queue, ifUnused, ifEmpty);
    connection.declarationCache().remove("Q|" + queue);
    return deleted;
  }

  // ---------------------------------------------------------------- messages

  @Override
  public Optional<Message> get(String queue) {
    return get(queue, false, null);
  }

  @Override
  public Optional<Message> get(String queue, boolean noAck, @Nullable List<String> accept) {
    Objects.requireNonNull(queue, "queue");
    List<String> acceptTypes = accept == null ? null : List.copyOf(connection.settings().serializers()
        .acceptContentTypes(accept));
    return delegate.basicGet(queue, noAck).map(d -> message(d, noAck, acceptTypes));
  }

  KombuMessage message(Delivery delivery, boolean noAck, @Nullable List<String> acceptContentTypes) {
    return new KombuMessage(delivery, this, noAck, acceptContentTypes, connection.settings().serializers(),
        connection.settings().compressors());
  }

  @Override
  public void qos(int prefetchSize, int prefetchCount, boolean global) {
    delegate.basicQos(prefetchSize, prefetchCount, global);
  }

  @Override
  public void recover(boolean requeue) {
    delegate.basicRecover(requeue);
  }

  @Override
  public void flow(boolean active) {
    delegate.flow(active);
  }

  @Override
  public Producer producer() {
    return producer(ProducerOptions.defaults());
  }

  @Override
  public Producer producer(ProducerOptions options) {
    return new KombuProducer(connection, this, options);
  }

  @Override
  public Consumer consumer(ConsumerOptions options) {
    return new KombuConsumer(this, options, true);
  }

  @Override
  public void close() {
    if (closed) {
      log.debug("Channel {} already closed", delegate.channelId());
      return;
    }
    closed = true;
    try {
      delegate.close();
    } finally {
      connection.forget(this);
    }
  }

  @Override
  public String toString() {
    return "KombuChannel(" + delegate.channelId() + (closed ? ", closed)" : ")");
  }
}
