package io.kombu.core.virtual.internal;

import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.IrrecoverableChannelException;
import io.kombu.NotFoundException;
import io.kombu.PreconditionFailedException;
import io.kombu.QueueDeclareResult;
import io.kombu.core.virtual.BindingRow;
import io.kombu.core.virtual.BrokerState;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.ExchangeRouting;
import io.kombu.core.virtual.FairCycle;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.core.virtual.VirtualTransportUnsupportedException;
import io.kombu.spi.CancelCallback;
import io.kombu.spi.Delivery;
import io.kombu.spi.DeliveryCallback;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.ReturnCallback;
import io.kombu.spi.TransportChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's virtual {@code Channel}: AMQP channel semantics over a {@link MessageStore}.
 *
 * <p>Thread-safety: operations synchronise on the channel, so {@link #close()} may come from any thread; otherwise used
 * by one thread at a time, like every channel.
 */
public final class VirtualChannel implements TransportChannel {
  private static final Logger log = LoggerFactory.getLogger(VirtualChannel.class);

  private final VirtualConnection connection;
  private final VirtualTransport transport;
  private final MessageStore store;
  private final BrokerState state;
  private final int channelId;
  private final Qos qos = new Qos();
  private final Map<String, ConsumerEntry> consumers = new LinkedHashMap<>();
  private final Map<String, ConsumerEntry> consumerByQueue = new HashMap<>();
  private final List<String> activeQueues = new ArrayList<>();
  private FairCycle<String> queueCycle = new FairCycle<>(List.of());
  private long nextDeliveryTag = 1;
  private volatile boolean open = true;
  private @Nullable ReturnCallback returnCallback;
  /** Taken by a batch get, recorded unacknowledged, not yet handed to the consumer (oldest first). */
  private final ArrayDeque<Buffered> buffer = new ArrayDeque<>();

  private record ConsumerEntry(
      String tag, String queue, boolean noAck, DeliveryCallback callback, @Nullable CancelCallback onCancel) {}

  private record Buffered(long tag, String queue, Envelope envelope) {}

  VirtualChannel(VirtualConnection connection, int channelId) {
    this.connection = connection;
    this.transport = connection.transport();
    this.store = connection.store();
    this.state = transport.state();
    this.channelId = channelId;
  }

  @Override
  public int channelId() {
    return channelId;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public synchronized void exchangeDeclare(Exchange exchange) {
    ensureOpen();
    ExchangeType type = exchange.type();
    String name = exchange.name().isEmpty() ? "amq." + type.name() : exchange.name();
    if (exchange.passive()) {
      if (state.exchange(name) == null) {
        throw new NotFoundException(404, "NOT_FOUND - no exchange '" + name + "' in vhost '"
            + transport.virtualHost() + "'", null);
      }
      return;
    }
    if (!ExchangeRouting.supports(type)) {
      throw new IrrecoverableChannelException(503, "exchange type '" + type + "' of exchange '" + name
          + "' is not supported by virtual transports, which route direct, topic, fanout and headers; "
          + "use one of those or an AMQP broker", null);
    }
    BrokerState.ExchangeDefinition wanted = new BrokerState.ExchangeDefinition(
        name, type, exchange.durable(), exchange.autoDelete(), exchange.arguments());
    BrokerState.ExchangeDefinition existing = state.declareExchange(wanted);
    if (existing != null && !existing.equals(wanted)) {
      throw new PreconditionFailedException(406, "PRECONDITION_FAILED - Cannot redeclare exchange '" + name
          + "' in vhost '" + transport.virtualHost() + "' with different type, durable, autodelete or arguments value"
          + " (declared: " + describe(existing) + ", requested: " + describe(wanted) + "); delete it first or use "
          + "the same settings", null);
    }
  }

  private static String describe(BrokerState.ExchangeDefinition d) {
    return "type=" + d.type() + ", durable=" + d.durable() + ", autoDelete=" + d.autoDelete() + ", arguments="
        + d.arguments();
  }

  @Override
  public synchronized void exchangeDelete(String exchange, boolean ifUnused) {
    ensureOpen();
    if (state.exchange(exchange) == null) {
      return;
    }
    List<BindingRow> table = state.table(exchange);
    if (ifUnused && !table.isEmpty()) {
      throw new PreconditionFailedException(406, "PRECONDITION_FAILED - exchange '" + exchange + "' in vhost '"
          + transport.virtualHost() + "' in use (" + table.size() + " binding(s)); unbind its queues first", null);
    }
    // Kombu deletes every empty queue bound to the exchange; non-empty ones only lose this exchange's bindings.
    for (BindingRow row : table) {
      queueDelete(row.queue(), true, true);
    }
    for (BindingRow row : state.table(exchange)) {
      store.unbind(exchange, row);
    }
    state.deleteExchange(exchange);
  }

  @Override
  public void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    throw new VirtualTransportUnsupportedException("exchange-to-exchange bindings (" + source + " -> " + destination
        + ") are not supported by virtual transports; bind queues to each exchange instead, or use an AMQP broker");
  }

  @Override
  public void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    throw new VirtualTransportUnsupportedException("exchange-to-exchange bindings (" + source + " -> " + destination
        + ") are not supported by virtual transports; bind queues to each exchange instead, or use an AMQP broker");
  }

  @Override
  public synchronized QueueDeclareResult queueDeclare(
      String queue,
      boolean passive,
      boolean durable,
      boolean exclusive,
      boolean autoDelete,
      Map<String, Object> arguments) {
    ensureOpen();
    String name = queue.isEmpty() ? "amq.gen-" + Uuids.random() : queue;
    if (passive) {
      if (!store.hasQueue(name)) {
        throw new NotFoundException(404, "NOT_FOUND - no queue '" + name + "' in vhost '"
            + transport.virtualHost() + "'", null);
      }
    } else {
      store.newQueue(name, durable, exclusive, autoDelete, arguments);
    }
    return new QueueDeclareResult(name, store.size(name), 0);
  }

  @Override
  public synchronized void queueBind(
      String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    ensureOpen();
    String ex = exchange.isEmpty() ? "amq.direct" : exchange;
    if (state.isBound(queue, ex, routingKey)) {
      return;
    }
    BrokerState.ExchangeDefinition def = state.exchange(ex);
    if (def == null) {
      throw new NotFoundException(404, "NOT_FOUND - no exchange '" + ex + "' in vhost '" + transport.virtualHost()
          + "'; declare the exchange before binding queue '" + queue + "' to it", null);
    }
    BindingRow row = ExchangeRouting.prepareBind(def.type(), queue, routingKey, arguments);
    if (state.bind(ex, row)) {
      store.bind(ex, def.type(), row);
    }
  }

  @Override
  public synchronized void queueUnbind(
      String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    ensureOpen();
    String ex = exchange.isEmpty() ? "amq.direct" : exchange;
    for (BindingRow row : state.unbind(queue, ex, routingKey)) {
      store.unbind(ex, row);
    }
  }

  @Override
  public synchronized long queuePurge(String queue) {
    ensureOpen();
    return store.purge(queue);
  }

  @Override
  public synchronized long queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
    ensureOpen();
    // Kombu ignores if_unused; if_empty on a non-empty queue silently keeps the queue and its bindings.
    if (ifEmpty && store.size(queue) > 0) {
      return 0;
    }
    for (BrokerState.QueueBinding b : state.removeQueueBindings(queue)) {
      store.unbind(b.exchange(), b.row());
    }
    long count = store.size(queue);
    store.delete(queue);
    return count;
  }

  @Override
  public void basicPublish(
      OutboundMessage message,
      String exchange,
      String routingKey,
      boolean mandatory,
      @Nullable Duration confirmTimeout) {
    ensureOpen();
    Envelope envelope = Envelope.forPublish(message, exchange, routingKey, transport.bodyEncoding(), Uuids.random());
    publish(exchange, routingKey, List.of(envelope));
  }

  /** Routes the batch once (per distinct header set on a headers exchange) and hands each queue its part in one call. */
  @Override
  public void basicPublishAll(
      List<OutboundMessage> messages,
      String exchange,
      String routingKey,
      boolean mandatory,
      @Nullable Duration confirmTimeout) {
    ensureOpen();
    if (messages.isEmpty()) {
      return;
    }
    List<Envelope> envelopes = new ArrayList<>(messages.size());
    for (OutboundMessage m : messages) {
      envelopes.add(Envelope.forPublish(m, exchange, routingKey, transport.bodyEncoding(), Uuids.random()));
    }
    publish(exchange, routingKey, envelopes);
  }

  private void publish(String exchange, String routingKey, List<Envelope> envelopes) {
    if (exchange.isEmpty()) {
      putAll(routingKey, envelopes);
      return;
    }
    BrokerState.ExchangeDefinition def = state.exchange(exchange);
    // Kombu routes an exchange this connection never declared as direct.
    ExchangeType type = def == null ? ExchangeType.DIRECT : def.type();
    List<BindingRow> table = routingTable(exchange);
    if (!ExchangeType.HEADERS.equals(type)) {
      deliverRouted(exchange, routingKey, type,
          ExchangeRouting.lookup(type, table, routingKey, envelopes.get(0).headers()), envelopes);
      return;
    }
    // A headers exchange routes by each message's headers: group the batch by where it goes.
    Map<Set<String>, List<Envelope>> groups = new LinkedHashMap<>();
    for (Envelope e : envelopes) {
      groups.computeIfAbsent(ExchangeRouting.lookup(type, table, routingKey, e.headers()), k -> new ArrayList<>())
          .add(e);
    }
    groups.forEach((queues, part) -> deliverRouted(exchange, routingKey, type, queues, part));
  }

  private void deliverRouted(
      String exchange, String routingKey, ExchangeType type, Set<String> routed, List<Envelope> envelopes) {
    Set<String> queues = routed;
    String dlq = transport.deadLetterQueue();
    if (queues.isEmpty()) {
      if (dlq == null) {
        log.debug("dropped {} unroutable message(s): no queue bound to exchange {} with key {}", envelopes.size(),
            exchange, routingKey);
        return;
      }
      log.warn("Message could not be delivered: No queues bound to exchange '{}' using binding key '{}'; "
          + "sending it to dead-letter queue '{}'", exchange, routingKey, dlq);
      store.newQueue(dlq, Map.of());
      queues = Set.of(dlq);
    }
    if (ExchangeType.FANOUT.equals(type)) {
      if (store.supportsFanout()) {
        for (Envelope envelope : envelopes) {
          store.putFanout(exchange, routingKey, envelope, queues);
        }
      } else {
        log.debug("dropped message for fanout exchange {}: this transport does not support fanout", exchange);
      }
      return;
    }
    boolean topic = ExchangeType.TOPIC.equals(type);
    for (String q : queues) {
      // Kombu's topic delivery skips nameless queues and the dead-letter queue.
      if (topic && (q.isEmpty() || q.equals(dlq))) {
        continue;
      }
      putAll(q, envelopes);
    }
  }

  private void putAll(String queue, List<Envelope> envelopes) {
    if (envelopes.size() == 1) {
      store.put(queue, envelopes.get(0));
    } else {
      store.putAll(queue, envelopes);
    }
  }

  private List<BindingRow> routingTable(String exchange) {
    List<BindingRow> local = state.table(exchange);
    List<BindingRow> persisted = store.bindings(exchange);
    if (persisted == null || persisted.isEmpty()) {
      return local;
    }
    List<BindingRow> merged = new ArrayList<>(local);
    for (BindingRow row : persisted) {
      if (merged.stream().noneMatch(row::sameTriple)) {
        merged.add(row);
      }
    }
    return merged;
  }

  @Override
  public synchronized Optional<Delivery> basicGet(String queue, boolean noAck) {
    ensureOpen();
    Envelope envelope = store.get(queue, !noAck);
    if (envelope == null) {
      return Optional.empty();
    }
    long tag = nextDeliveryTag++;
    if (!noAck) {
      track(tag, queue, envelope);
    }
    return Optional.of(toDelivery(envelope, tag, null));
  }

  private void track(long tag, String queue, Envelope envelope) {
    qos.append(tag, new Unacked(queue, envelope));
    if (!store.recordsUnackedOnTake()) {
      store.recordUnacked(queue, envelope);
    }
  }

  private static Delivery toDelivery(Envelope envelope, long tag, @Nullable String consumerTag) {
    return Delivery.builder(envelope.body())
        .contentType(envelope.contentType())
        .contentEncoding(envelope.contentEncoding())
        .headers(envelope.headers())
        .properties(envelope.properties())
        .deliveryTag(tag)
        .exchange(envelope.exchange())
        .routingKey(envelope.routingKey())
        .consumerTag(consumerTag)
        .redelivered(envelope.redelivered())
        .decodeError(envelope.decodeError())
        .build();
  }

  @Override
  public synchronized void basicConsume(
      String queue,
      boolean noAck,
      String consumerTag,
      Map<String, Object> arguments,
      DeliveryCallback callback,
      @Nullable CancelCallback onCancel) {
    ensureOpen();
    if (consumers.containsKey(consumerTag)) {
      throw new IrrecoverableChannelException(530, "NOT_ALLOWED - attempt to reuse consumer tag '" + consumerTag
          + "' on channel " + channelId + "; cancel it first or use a unique tag", null);
    }
    ConsumerEntry entry = new ConsumerEntry(consumerTag, queue, noAck, callback, onCancel);
    consumers.put(consumerTag, entry);
    consumerByQueue.put(queue, entry);
    activeQueues.add(queue);
    queueCycle = new FairCycle<>(activeQueues);
  }

  @Override
  public synchronized void basicCancel(String consumerTag) {
    ConsumerEntry entry = consumers.remove(consumerTag);
    if (entry == null) {
      return;
    }
    activeQueues.remove(entry.queue());
    queueCycle = new FairCycle<>(activeQueues);
    if (consumerByQueue.get(entry.queue()) == entry) {
      consumerByQueue.remove(entry.queue());
      // The latest remaining consumer of the queue on this channel takes over.
      for (ConsumerEntry c : consumers.values()) {
        if (c.queue().equals(entry.queue())) {
          consumerByQueue.put(c.queue(), c);
        }
      }
    }
    if (open && !consumerByQueue.containsKey(entry.queue())) {
      restoreBuffered(entry.queue());
    }
  }

  /** Puts back, newest first, the buffered messages of a queue nobody on this channel consumes any more. */
  private void restoreBuffered(String queue) {
    List<Buffered> mine = new ArrayList<>();
    for (Iterator<Buffered> it = buffer.descendingIterator(); it.hasNext(); ) {
      Buffered b = it.next();
      if (b.queue().equals(queue)) {
        mine.add(b);
        it.remove();
      }
    }
    for (Buffered b : mine) {
      try {
        store.restore(b.queue(), b.envelope());
        qos.settled(b.tag());
      } catch (RuntimeException e) {
        log.warn("could not put back prefetched message of queue {} ({}); it stays unacknowledged and is restored "
            + "when channel {} closes or recovers", queue, e.toString(), channelId);
      }
    }
  }

  @Override
  public synchronized void basicAck(long deliveryTag, boolean multiple) {
    ensureOpen();
    // Kombu ignores `multiple`: each message is acknowledged by its own tag.
    Unacked u = qos.get(deliveryTag);
    if (u == null) {
      log.debug("ignored ack of unknown or settled delivery tag {} on channel {}", deliveryTag, channelId);
      return;
    }
    store.ack(u.queue(), u.envelope());
    qos.settled(deliveryTag);
  }

  @Override
  public synchronized void basicReject(long deliveryTag, boolean requeue) {
    ensureOpen();
    Unacked u = qos.get(deliveryTag);
    if (u == null) {
      log.debug("ignored reject of unknown or settled delivery tag {} on channel {}", deliveryTag, channelId);
      return;
    }
    if (requeue) {
      store.requeue(u.queue(), u.envelope());
    } else {
      if (u.envelope().decodeError() != null) {
        // Said once here because the store's reject drops it, and nobody could tell afterwards what was in the queue.
        log.warn("dropped an unreadable item of {} bytes from queue '{}' on reject: {}", u.envelope().body().length,
            u.queue(), u.envelope().decodeError().getMessage());
      }
      store.reject(u.queue(), u.envelope());
    }
    qos.settled(deliveryTag);
  }

  @Override
  public synchronized void basicQos(int prefetchSize, int prefetchCount, boolean global) {
    ensureOpen();
    qos.prefetchCount(prefetchCount);
  }

  @Override
  public synchronized void basicRecover(boolean requeue) {
    ensureOpen();
    if (!requeue) {
      throw new VirtualTransportUnsupportedException("virtual transports only support recover(requeue=true): "
          + "unacknowledged messages can only go back to their queues, not be redelivered to this channel");
    }
    List<RuntimeException> failures = restoreUnacked();
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  @Override
  public void flow(boolean active) {
    throw new VirtualTransportUnsupportedException("channel flow control is not supported by virtual transports; "
        + "pause consuming with basicCancel, or lower the prefetch count");
  }

  @Override
  public synchronized void setReturnCallback(@Nullable ReturnCallback listener) {
    // Virtual transports have no basic.return: unroutable messages are dropped (or dead-lettered), as in Kombu.
    this.returnCallback = listener;
  }

  /** @return the return listener registered (never called: unroutable messages are dropped or dead-lettered) */
  public synchronized @Nullable ReturnCallback returnCallback() {
    return returnCallback;
  }

  @Override
  public void close() {
    List<Map.Entry<Long, Unacked>> failed;
    synchronized (this) {
      if (!open) {
        log.debug("channel {} already closed", channelId);
        return;
      }
      open = false;
      consumers.clear();
      consumerByQueue.clear();
      activeQueues.clear();
      queueCycle = new FairCycle<>(List.of());
      failed = restoreUnackedOnce();
    }
    connection.release(this);
    if (!failed.isEmpty()) {
      log.error("could not restore {} unacknowledged message(s) of channel {}; they may be lost: {}",
          failed.size(), channelId, failed);
    }
  }

  /** Kombu's {@code restore_unacked_once}: at most once, newest first. @return the entries that failed */
  synchronized List<Map.Entry<Long, Unacked>> restoreUnackedOnce() {
    if (!qos.markRestored()) {
      return List.of();
    }
    buffer.clear();
    int n = qos.unackedCount();
    if (n == 0) {
      return List.of();
    }
    log.info("Restoring {} unacknowledged message(s) of channel {}", n, channelId);
    List<Map.Entry<Long, Unacked>> failed = new ArrayList<>();
    for (Map.Entry<Long, Unacked> e : qos.takeAllNewestFirst()) {
      try {
        store.restore(e.getValue().queue(), e.getValue().envelope());
      } catch (RuntimeException ex) {
        log.debug("restore of {} failed", e.getValue().envelope(), ex);
        failed.add(e);
      }
    }
    return failed;
  }

  private List<RuntimeException> restoreUnacked() {
    // Buffered messages are unacknowledged in the QoS too: they are restored with the rest.
    buffer.clear();
    List<RuntimeException> failures = new ArrayList<>();
    List<Map.Entry<Long, Unacked>> entries = qos.takeAllNewestFirst();
    List<Map.Entry<Long, Unacked>> keep = new ArrayList<>();
    for (Map.Entry<Long, Unacked> e : entries) {
      try {
        store.restore(e.getValue().queue(), e.getValue().envelope());
      } catch (RuntimeException ex) {
        failures.add(ex);
        keep.add(e);
      }
    }
    // Failed ones stay unacknowledged (oldest first) so that closing the channel tries again.
    for (int i = keep.size() - 1; i >= 0; i--) {
      qos.putBack(keep.get(i).getKey(), keep.get(i).getValue());
    }
    return failures;
  }

  /**
   * One poll through this channel's queues, delivering at most one message (Kombu's {@code Channel.drain_events}).
   *
   * @return whether a message was delivered
   */
  synchronized boolean drainOne() {
    if (!open) {
      return false;
    }
    if (deliverBuffered()) {
      return true;
    }
    if (activeQueues.isEmpty() || !qos.canConsume()) {
      return false;
    }
    Boolean delivered = queueCycle.next(q -> {
      int batch = batchSize(q);
      if (batch > 1) {
        List<Envelope> taken = store.getBatch(q, batch, true);
        if (taken.isEmpty()) {
          return null;
        }
        for (Envelope e : taken) {
          long tag = nextDeliveryTag++;
          track(tag, q, e);
          buffer.addLast(new Buffered(tag, q, e));
        }
        return deliverBuffered() ? Boolean.TRUE : null;
      }
      Envelope e = store.get(q, ackRequired(q), room());
      if (e == null) {
        return null;
      }
      dispatch(q, e);
      return Boolean.TRUE;
    });
    return delivered != null;
  }

  /**
   * How many messages one get may take for a queue: more than one only for a consumer that acks, on a store with a
   * batch get, within the prefetch room (the batch counts against the prefetch limit as delivered).
   */
  private int batchSize(String queue) {
    int limit = store.batchGetLimit();
    if (limit <= 1 || !ackRequired(queue)) {
      return 1;
    }
    Integer room = qos.canConsumeMaxEstimate();
    return room == null ? limit : Math.min(room, limit);
  }

  /** Hands the oldest buffered message to its consumer. @return whether one was delivered */
  private boolean deliverBuffered() {
    Buffered b;
    while ((b = buffer.pollFirst()) != null) {
      ConsumerEntry consumer = consumerByQueue.get(b.queue());
      if (consumer != null && !consumer.noAck()) {
        consumer.callback().onDelivery(toDelivery(b.envelope(), b.tag(), consumer.tag()));
        return true;
      }
      // Its consumer went away without basicCancel's restore seeing it (a no-ack consumer took the queue over).
      buffer.addFirst(b);
      restoreBuffered(b.queue());
    }
    return false;
  }

  /** @return buffered messages not yet delivered, for the engine's tests */
  synchronized int buffered() {
    return buffer.size();
  }

  /** @return queues this channel may take a message from now, in fair order (empty when prefetch is exhausted) */
  synchronized List<String> consumableQueues() {
    if (!open || activeQueues.isEmpty() || !qos.canConsume()) {
      return List.of();
    }
    return queueCycle.order();
  }

  /** @param queue a queue @return whether this channel's consumer of it must acknowledge (false when none) */
  synchronized boolean ackRequired(String queue) {
    ConsumerEntry consumer = consumerByQueue.get(queue);
    return consumer != null && !consumer.noAck();
  }

  /** @return how many more messages this channel may be handed now: at least 1, {@code MAX_VALUE} without a limit */
  synchronized int room() {
    Integer estimate = qos.canConsumeMaxEstimate();
    return estimate == null ? Integer.MAX_VALUE : Math.max(1, estimate);
  }

  /** @param queue a queue @return whether this channel has a consumer for it */
  synchronized boolean consumes(String queue) {
    return open && consumerByQueue.containsKey(queue);
  }

  /**
   * Hands a message to this channel's consumer of its queue, recording it as unacknowledged first unless the consumer
   * is no-ack (Kombu records before calling the callback).
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  synchronized void dispatch(String queue, Envelope envelope) {
    ConsumerEntry consumer = consumerByQueue.get(queue);
    if (consumer == null) {
      connection.requeueUndeliverable(queue, envelope);
      return;
    }
    long tag = nextDeliveryTag++;
    if (!consumer.noAck()) {
      track(tag, queue, envelope);
    }
    consumer.callback().onDelivery(toDelivery(envelope, tag, consumer.tag()));
  }

  /**
   * Records a message nobody consumes and rejects it with requeue (Kombu's "Requeuing undeliverable message").
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  synchronized void recordAndRequeue(String queue, Envelope envelope) {
    long tag = nextDeliveryTag++;
    track(tag, queue, envelope);
    basicReject(tag, true);
  }

  /** @return the QoS state, for the engine's tests */
  Qos qos() {
    return qos;
  }

  private void ensureOpen() {
    if (!open) {
      throw new io.kombu.ChannelException(504, "channel " + channelId + " is closed; open a new channel", null);
    }
  }

  @Override
  public String toString() {
    return "VirtualChannel(" + channelId + (open ? "" : ", closed") + ")";
  }
}
