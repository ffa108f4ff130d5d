package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.Exchange;
import io.kombu.IrrecoverableChannelException;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.QueueDeclareResult;
import io.kombu.spi.CancelCallback;
import io.kombu.spi.Delivery;
import io.kombu.spi.DeliveryCallback;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.ReturnCallback;
import io.kombu.spi.TransportChannel;
import io.kombu.transport.amqp.MessageNackedException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RabbitMQ channel behind core's {@link TransportChannel}: every operation maps onto the AMQP method of the same name.
 * Deliveries, returns and broker-side cancels are handed to the connection's event queue and run in
 * {@link AmqpConnection#drainEvents}.
 *
 * <p>Thread-safety: used by one thread at a time; {@link #close()} may come from any thread.
 */
public final class AmqpChannel implements TransportChannel {
  private static final Logger log = LoggerFactory.getLogger(AmqpChannel.class);

  private final Channel channel;
  private final AmqpConnection connection;
  private final AmqpSettings settings;
  private final Map<String, DispatchingConsumer> consumers = new ConcurrentHashMap<>();
  private volatile @Nullable ReturnCallback returnCallback;
  /** Whether a caller has already been told why the channel closed. */
  private volatile boolean closeReported;

  AmqpChannel(Channel channel, AmqpConnection connection, AmqpSettings settings) {
    this.channel = channel;
    this.connection = connection;
    this.settings = settings;
    if (settings.confirmPublish()) {
      call("confirm.select", () -> channel.confirmSelect());
    }
    channel.addReturnListener(r -> {
      Delivery message = AmqpProperties.toDelivery(r.getBody(), null, r.getProperties(), null);
      connection.dispatch(() -> onReturn(r.getReplyCode(), r.getReplyText(), r.getExchange(), r.getRoutingKey(), message));
    });
  }

  private void onReturn(int code, String text, String exchange, String routingKey, Delivery message) {
    ReturnCallback callback = returnCallback;
    if (callback == null) {
      log.warn("the broker returned an unroutable mandatory message ({} {}, exchange '{}', routing key '{}') and no "
          + "return callback is set; it is dropped", code, text, exchange, routingKey);
      return;
    }
    callback.onReturn(code, text, exchange, routingKey, message);
  }

  @Override
  public int channelId() {
    return channel.getChannelNumber();
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  /** @return the client channel (for tests and benchmarks) */
  public Channel clientChannel() {
    return channel;
  }

  @Override
  public void exchangeDeclare(Exchange exchange) {
    String op = "exchange.declare(" + exchange.name() + ")";
    if (exchange.passive()) {
      call(op, () -> channel.exchangeDeclarePassive(exchange.name()));
      return;
    }
    call(op, () -> channel.exchangeDeclare(exchange.name(), exchange.type().name(), exchange.durable(),
        exchange.autoDelete(), exchange.internal(), HeaderValues.toWire(exchange.arguments())));
  }

  @Override
  public void exchangeDelete(String exchange, boolean ifUnused) {
    call("exchange.delete(" + exchange + ")", () -> channel.exchangeDelete(exchange, ifUnused));
  }

  @Override
  public void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    call("exchange.bind(" + destination + " <- " + source + ")",
        () -> channel.exchangeBind(destination, source, routingKey, HeaderValues.toWire(arguments)));
  }

  @Override
  public void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    call("exchange.unbind(" + destination + " <- " + source + ")",
        () -> channel.exchangeUnbind(destination, source, routingKey, HeaderValues.toWire(arguments)));
  }

  @Override
  public QueueDeclareResult queueDeclare(
      String queue, boolean passive, boolean durable, boolean exclusive, boolean autoDelete, Map<String, Object> arguments) {
    AMQP.Queue.DeclareOk ok = call("queue.declare(" + queue + ")", () -> passive
        ? channel.queueDeclarePassive(queue)
        : channel.queueDeclare(queue, durable, exclusive, autoDelete, HeaderValues.toWire(arguments)));
    return new QueueDeclareResult(ok.getQueue(), ok.getMessageCount(), ok.getConsumerCount());
  }

  @Override
  public void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    call("queue.bind(" + queue + " <- " + exchange + ")",
        () -> channel.queueBind(queue, exchange, routingKey, HeaderValues.toWire(arguments)));
  }

  @Override
  public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    call("queue.unbind(" + queue + " <- " + exchange + ")",
        () -> channel.queueUnbind(queue, exchange, routingKey, HeaderValues.toWire(arguments)));
  }

  @Override
  public long queuePurge(String queue) {
    return call("queue.purge(" + queue + ")", () -> channel.queuePurge(queue)).getMessageCount();
  }

  @Override
  public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
    return call("queue.delete(" + queue + ")", () -> channel.queueDelete(queue, ifUnused, ifEmpty)).getMessageCount();
  }

  @Override
  public void basicPublish(
      OutboundMessage message, String exchange, String routingKey, boolean mandatory, @Nullable Duration confirmTimeout) {
    send(message, exchange, routingKey, mandatory, 1);
    if (settings.confirmPublish()) {
      waitForConfirm(publishOp(exchange, routingKey, 1),
          confirmTimeout == null ? settings.confirmTimeout() : confirmTimeout);
    }
  }

  private void send(OutboundMessage message, String exchange, String routingKey, boolean mandatory, int batchSize) {
    AMQP.BasicProperties props = AmqpProperties.toBasicProperties(message);
    byte[] body = message.body();
    // No lambdas and no operation name unless something fails: on this path they would cost as much as the publish.
    try {
      if (HeaderValues.holdsNegativeLong(props.getHeaders())) {
        HeaderTagFrameHandler.publishNegativeLongs(() -> channel.basicPublish(exchange, routingKey, mandatory, props,
            body));
      } else {
        channel.basicPublish(exchange, routingKey, mandatory, props, body);
      }
    } catch (IOException | RuntimeException e) {
      throw failure(e, publishOp(exchange, routingKey, batchSize));
    }
  }

  private static String publishOp(String exchange, String routingKey, int messages) {
    String op = "basic.publish(exchange=" + exchange + ", routing_key=" + routingKey + ")";
    return messages == 1 ? op : op + " of a batch of " + messages + " messages";
  }

  /**
   * Sends the whole batch, then, in confirm mode, waits once for the broker to confirm all of it rather than after each
   * message (the one round trip per message that makes confirmed publishing slow). A nack of any message of the batch
   * throws {@link MessageNackedException}; the channel stays open, as after a single nacked publish, and which messages
   * were stored is not known (atomicity is not promised).
   */
  @Override
  public void basicPublishAll(
      List<OutboundMessage> messages,
      String exchange,
      String routingKey,
      boolean mandatory,
      @Nullable Duration confirmTimeout) {
    if (messages.isEmpty()) {
      return;
    }
    int size = messages.size();
    for (OutboundMessage message : messages) {
      send(message, exchange, routingKey, mandatory, size);
    }
    if (settings.confirmPublish()) {
      waitForConfirm(publishOp(exchange, routingKey, size),
          confirmTimeout == null ? settings.confirmTimeout() : confirmTimeout);
    }
  }

  private void waitForConfirm(String op, Duration timeout) {
    boolean acked;
    try {
      acked = channel.waitForConfirms(Math.max(1, timeout.toMillis()));
    } catch (TimeoutException e) {
      throw new KombuTimeoutException("the broker did not confirm " + op + " within " + timeout
          + "; the message may or may not have been stored (raise confirm_timeout to wait longer)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KombuTimeoutException("interrupted while waiting for the confirm of " + op, e);
    } catch (ShutdownSignalException e) {
      throw AmqpErrorTranslator.translate(e, op);
    }
    if (!acked) {
      throw new MessageNackedException("the broker nacked " + op + ": it could not store what was sent (for example a "
          + "queue reached x-max-length with x-overflow=reject-publish); retry later or check the queue");
    }
  }

  @Override
  public Optional<Delivery> basicGet(String queue, boolean noAck) {
    GetResponse r = call("basic.get(" + queue + ")", () -> channel.basicGet(queue, noAck));
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(AmqpProperties.toDelivery(r.getBody(), r.getEnvelope(), r.getProps(), null));
  }

  @Override
  public void basicConsume(
      String queue,
      boolean noAck,
      String consumerTag,
      Map<String, Object> arguments,
      DeliveryCallback callback,
      @Nullable CancelCallback onCancel) {
    DispatchingConsumer consumer = new DispatchingConsumer(noAck, callback, onCancel);
    consumers.put(consumerTag, consumer);
    try {
      call("basic.consume(" + queue + ")", () -> channel.basicConsume(queue, noAck, consumerTag, false, false,
          HeaderValues.toWire(arguments), consumer));
    } catch (RuntimeException e) {
      consumers.remove(consumerTag, consumer);
      throw e;
    }
  }

  @Override
  public void basicCancel(String consumerTag) {
    DispatchingConsumer consumer = consumers.remove(consumerTag);
    if (consumer == null) {
      return;
    }
    consumer.active = false;
    if (channel.isOpen()) {
      call("basic.cancel(" + consumerTag + ")", () -> channel.basicCancel(consumerTag));
    }
    consumer.giveBack();
  }

  @Override
  public void basicAck(long deliveryTag, boolean multiple) {
    run(() -> "basic.ack(" + deliveryTag + ")", () -> channel.basicAck(deliveryTag, multiple));
  }

  @Override
  public void basicReject(long deliveryTag, boolean requeue) {
    run(() -> "basic.reject(" + deliveryTag + ")", () -> channel.basicReject(deliveryTag, requeue));
  }

  @Override
  public void basicQos(int prefetchSize, int prefetchCount, boolean global) {
    if (prefetchSize != 0) {
      // RabbitMQ answers prefetch_size != 0 by closing the whole connection (540); refuse it here instead.
      throw new IrrecoverableChannelException(AMQP.NOT_IMPLEMENTED, "RabbitMQ does not support basic.qos prefetch_size ("
          + prefetchSize + " bytes); pass 0 and limit by prefetch_count instead", null);
    }
    call("basic.qos(" + prefetchCount + ")", () -> channel.basicQos(0, prefetchCount, global));
  }

  @Override
  public void basicRecover(boolean requeue) {
    call("basic.recover(requeue=" + requeue + ")", () -> channel.basicRecover(requeue));
  }

  @Override
  public void flow(boolean active) {
    if (!active) {
      throw new IrrecoverableChannelException(AMQP.NOT_IMPLEMENTED, "channel.flow(active=false) is not supported: "
          + "RabbitMQ 3.3 and later refuse it; stop consuming (cancel the consumer) or lower basic.qos prefetch instead",
          null);
    }
  }

  @Override
  public void setReturnCallback(@Nullable ReturnCallback listener) {
    this.returnCallback = listener;
  }

  @Override
  public void close() {
    consumers.values().forEach(c -> c.active = false);
    consumers.clear();
    if (!channel.isOpen()) {
      log.debug("AMQP channel {} already closed", channel.getChannelNumber());
      return;
    }
    try {
      channel.close();
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.debug("closing AMQP channel {} failed; it is gone anyway", channel.getChannelNumber(), e);
    }
  }

  @Override
  public String toString() {
    return "AmqpChannel(" + channel.getChannelNumber() + ")";
  }

  private <T> T call(String operation, ClientCall<T> call) {
    return call(() -> operation, call);
  }

  private <T> T call(Supplier<String> operation, ClientCall<T> call) {
    try {
      return call.run();
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw failure(e, operation.get());
    }
  }

  /** @return Kombu's exception for a failed client call */
  private KombuException failure(Exception e, String operation) {
    if (e instanceof AlreadyClosedException) {
      return closed((AlreadyClosedException) e, operation);
    }
    closeReported = closeReported || !channel.isOpen();
    return AmqpErrorTranslator.translate(e, operation);
  }

  /**
   * The broker closes a channel asynchronously (a publish to a missing exchange, say), so the first call afterwards is
   * where its reason surfaces, as with py-amqp: that call gets the reason's own exception (404: NotFoundException).
   * Every later call only learns that the channel is gone, which a new channel fixes: ChannelException.
   */
  private KombuException closed(AlreadyClosedException e, String operation) {
    if (!closeReported) {
      closeReported = true;
      return AmqpErrorTranslator.translate(e, operation);
    }
    if (e.isHardError()) {
      return new ConnectionException(0, "the connection is closed (" + e.getMessage() + "); " + operation
          + " needs a new connection", e);
    }
    return new ChannelException(0, "channel " + channel.getChannelNumber() + " is closed (" + e.getMessage() + "); "
        + operation + " needs a new channel", e);
  }

  /** Like {@link #call(String, ClientAction)} for per-message calls: the operation's name is built only on failure. */
  private void run(Supplier<String> operation, ClientAction action) {
    call(operation, () -> {
      action.run();
      return null;
    });
  }

  private void call(String operation, ClientAction action) {
    call(operation, () -> {
      action.run();
      return null;
    });
  }

  /** A client call that returns a result. */
  @FunctionalInterface
  private interface ClientCall<T> {
    T run() throws IOException, TimeoutException;
  }

  /** A client call without a result. */
  @FunctionalInterface
  private interface ClientAction {
    void run() throws IOException, TimeoutException;
  }

  /**
   * Turns client callbacks into events for the draining thread. Deliveries not yet handed to the callback when the
   * consumer is cancelled go back to the queue at once (not only when the channel closes), so that a purge or another
   * consumer sees them.
   */
  private final class DispatchingConsumer extends DefaultConsumer {
    private final boolean noAck;
    private final DeliveryCallback callback;
    private final @Nullable CancelCallback onCancel;
    /** Delivered by the broker, not yet run by drainEvents; whoever removes a tag first owns it. */
    private final Map<Long, Delivery> undispatched = new ConcurrentHashMap<>();
    volatile boolean active = true;

    DispatchingConsumer(boolean noAck, DeliveryCallback callback, @Nullable CancelCallback onCancel) {
      super(channel);
      this.noAck = noAck;
      this.callback = callback;
      this.onCancel = onCancel;
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
      Delivery delivery = AmqpProperties.toDelivery(body, envelope, props, tag);
      undispatched.put(delivery.deliveryTag(), delivery);
      if (!active) {
        giveBack();
        return;
      }
      connection.dispatch(() -> deliver(delivery));
    }

    private void deliver(Delivery delivery) {
      if (undispatched.remove(delivery.deliveryTag()) == null) {
        return;
      }
      if (active) {
        callback.onDelivery(delivery);
      } else {
        requeue(delivery.deliveryTag());
      }
    }

    /** Called once inactive: returns every delivery the callback has not seen. */
    void giveBack() {
      for (Long tag : undispatched.keySet()) {
        if (undispatched.remove(tag) != null) {
          requeue(tag);
        }
      }
    }

    private void requeue(long deliveryTag) {
      if (noAck || !channel.isOpen()) {
        return;
      }
      try {
        channel.basicReject(deliveryTag, true);
      } catch (IOException | RuntimeException e) {
        log.debug("could not requeue delivery {} of a cancelled consumer; the broker requeues it when the channel "
            + "closes", deliveryTag, e);
      }
    }

    /**
     * The broker closed this consumer's channel (a 406 for an unknown delivery tag, say). py-amqp raises that channel
     * error from drain_events; without this, the draining thread would wait on a channel that no longer delivers, and a
     * consumer loop would never start over. A connection loss is reported by the connection, and a close we asked for
     * is no error.
     */
    @Override
    public void handleShutdownSignal(String tag, ShutdownSignalException cause) {
      if (cause.isHardError() || cause.isInitiatedByApplication() || !active) {
        return;
      }
      active = false;
      consumers.remove(tag, this);
      closeReported = true;
      KombuException error = AmqpErrorTranslator.translate(cause, "consuming with consumer " + tag);
      log.warn("the broker closed the channel of consumer {}: {}", tag, error.getMessage());
      connection.dispatch(() -> {
        throw error;
      });
    }

    @Override
    public void handleCancel(String tag) {
      consumers.remove(tag, this);
      active = false;
      giveBack();
      log.info("the broker cancelled consumer {} (its queue was deleted or the node went down)", tag);
      if (onCancel != null) {
        CancelCallback cb = onCancel;
        connection.dispatch(() -> cb.onCancel(tag));
      }
    }
  }
}
