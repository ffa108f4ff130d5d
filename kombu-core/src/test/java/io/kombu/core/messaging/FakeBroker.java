package io.kombu.core.messaging;

import io.kombu.ConnectionException;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.KombuTimeoutException;
import io.kombu.NotFoundException;
import io.kombu.QueueDeclareResult;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.CancelCallback;
import io.kombu.spi.Delivery;
import io.kombu.spi.DeliveryCallback;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.ReturnCallback;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import io.kombu.spi.TransportProvider;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A small in-test broker behind the SPI: direct and fanout routing, unacked tracking, hosts that can be taken down, and a
 * record of every call core makes. Deterministic: draining never waits, it times out at once when nothing is ready.
 */
final class FakeBroker {
  record Stored(OutboundMessage message, String exchange, String routingKey, boolean redelivered) {}

  record Binding(String queue, String routingKey) {}

  final Map<String, Deque<Stored>> queues = new LinkedHashMap<>();
  final Map<String, ExchangeType> exchanges = new LinkedHashMap<>();
  final Map<String, List<Binding>> bindings = new LinkedHashMap<>();
  final Set<String> downHosts = new HashSet<>();
  /** Hosts whose connections stay open but report the broker unreachable, like Redis riding out an outage. */
  final Set<String> unreachableHosts = new HashSet<>();
  final List<String> connectAttempts = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  final List<OutboundMessage> published = new ArrayList<>();
  /** Size of each batch handed to basicPublishAll (the messages themselves also land in {@link #published}). */
  final List<Integer> publishAllBatches = new ArrayList<>();
  final List<Map<String, Object>> queueDeclareArguments = new ArrayList<>();
  int failNextPublishes;
  /** Connection attempts still to refuse, on any host: a broker that comes up after that many failures. */
  int refuseNextConnects;
  boolean failWithChannelError;
  private int nextChannelId = 1;

  TransportProvider provider() {
    return new Provider(this);
  }

  long size(String queue) {
    Deque<Stored> q = queues.get(queue);
    return q == null ? 0 : q.size();
  }

  void route(OutboundMessage message, String exchange, String routingKey) {
    if (exchange.isEmpty()) {
      Deque<Stored> q = queues.get(routingKey);
      if (q != null) {
        q.addLast(new Stored(message, exchange, routingKey, false));
      }
      return;
    }
    ExchangeType type = exchanges.get(exchange);
    if (type == null) {
      throw new NotFoundException(404, "no exchange '" + exchange + "'", null);
    }
    Set<String> targets = new java.util.LinkedHashSet<>();
    for (Binding b : bindings.getOrDefault(exchange, List.of())) {
      if (type.equals(ExchangeType.FANOUT) || b.routingKey().equals(routingKey)) {
        targets.add(b.queue());
      }
    }
    for (String t : targets) {
      queues.get(t).addLast(new Stored(message, exchange, routingKey, false));
    }
  }

  static final class Provider implements TransportProvider {
    private final FakeBroker broker;

    Provider(FakeBroker broker) {
      this.broker = broker;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Set<String> schemes() {
      return Set.of("fake");
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.builder().exchangeTypes(ExchangeType.DIRECT, ExchangeType.FANOUT).build();
    }

    @Override
    public Transport create(BrokerUrl url, TransportOptions options) {
      String host = url.hostname() == null ? "localhost" : url.hostname();
      return new FakeTransport(broker, host, capabilities());
    }
  }

  static final class FakeTransport implements Transport {
    private final FakeBroker broker;
    private final String host;
    private final TransportCapabilities capabilities;

    FakeTransport(FakeBroker broker, String host, TransportCapabilities capabilities) {
      this.broker = broker;
      this.host = host;
      this.capabilities = capabilities;
    }

    @Override
    public TransportConnection connect() {
      broker.connectAttempts.add(host);
      if (broker.downHosts.contains(host)) {
        throw new ConnectionException("Cannot connect to " + host + ": connection refused");
      }
      if (broker.refuseNextConnects > 0) {
        broker.refuseNextConnects--;
        throw new ConnectionException("Cannot connect to " + host + ": connection refused");
      }
      return new FakeConnection(broker, host);
    }

    @Override
    public TransportCapabilities capabilities() {
      return capabilities;
    }

    @Override
    public void close() {}
  }

  static final class FakeConnection implements TransportConnection {
    private final FakeBroker broker;
    private final String host;
    private final List<FakeChannel> channels = new ArrayList<>();
    private boolean open = true;

    FakeConnection(FakeBroker broker, String host) {
      this.broker = broker;
      this.host = host;
    }

    @Override
    public TransportChannel openChannel() {
      checkAlive();
      FakeChannel c = new FakeChannel(broker, this, broker.nextChannelId++);
      channels.add(c);
      return c;
    }

    void checkAlive() {
      if (!open || broker.downHosts.contains(host)) {
        open = false;
        throw new ConnectionException("Connection to " + host + " lost");
      }
    }

    @Override
    public void drainEvents(@Nullable Duration timeout) {
      checkAlive();
      for (FakeChannel c : new ArrayList<>(channels)) {
        if (c.deliverOne()) {
          return;
        }
      }
      throw new KombuTimeoutException("timed out");
    }

    @Override
    public boolean isOpen() {
      return open && !broker.downHosts.contains(host);
    }

    @Override
    public boolean isBrokerReachable() {
      return isOpen() && !broker.unreachableHosts.contains(host);
    }

    @Override
    public void close() {
      for (FakeChannel c : new ArrayList<>(channels)) {
        c.close();
      }
      open = false;
    }
  }

  static final class FakeChannel implements TransportChannel {
    private record ConsumerEntry(String queue, boolean noAck, DeliveryCallback callback) {}

    private record Unacked(String queue, Stored stored) {}

    private final FakeBroker broker;
    private final FakeConnection connection;
    private final int id;
    private final Map<String, ConsumerEntry> consumers = new LinkedHashMap<>();
    private final Map<Long, Unacked> unacked = new LinkedHashMap<>();
    private long nextTag = 1;
    private int prefetch;
    private boolean open = true;

    FakeChannel(FakeBroker broker, FakeConnection connection, int id) {
      this.broker = broker;
      this.connection = connection;
      this.id = id;
    }

    boolean deliverOne() {
      if (!open || (prefetch > 0 && unacked.size() >= prefetch)) {
        return false;
      }
      for (Map.Entry<String, ConsumerEntry> e : new ArrayList<>(consumers.entrySet())) {
        Deque<Stored> q = broker.queues.get(e.getValue().queue());
        if (q != null && !q.isEmpty()) {
          Stored s = q.pollFirst();
          Delivery d = delivery(e.getValue().queue(), s, e.getValue().noAck(), e.getKey());
          e.getValue().callback().onDelivery(d);
          return true;
        }
      }
      return false;
    }

    private Delivery delivery(String queue, Stored s, boolean noAck, @Nullable String consumerTag) {
      long tag = nextTag++;
      if (!noAck) {
        unacked.put(tag, new Unacked(queue, s));
      }
      return Delivery.builder(s.message().body()).contentType(s.message().contentType())
          .contentEncoding(s.message().contentEncoding()).headers(s.message().headers())
          .properties(s.message().properties()).deliveryTag(tag).exchange(s.exchange()).routingKey(s.routingKey())
          .consumerTag(consumerTag).redelivered(s.redelivered()).build();
    }

    @Override
    public int channelId() {
      return id;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void exchangeDeclare(Exchange exchange) {
      broker.calls.add("exchangeDeclare " + exchange.name());
      broker.exchanges.putIfAbsent(exchange.name(), exchange.type());
    }

    @Override
    public void exchangeDelete(String exchange, boolean ifUnused) {
      broker.exchanges.remove(exchange);
      broker.bindings.remove(exchange);
    }

    @Override
    public void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments) {
      throw new io.kombu.KombuException("the fake transport cannot bind exchanges to exchanges");
    }

    @Override
    public void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments) {
      throw new io.kombu.KombuException("the fake transport cannot bind exchanges to exchanges");
    }

    @Override
    public QueueDeclareResult queueDeclare(String queue, boolean passive, boolean durable, boolean exclusive,
        boolean autoDelete, Map<String, Object> arguments) {
      connection.checkAlive();
      if (passive) {
        if (!broker.queues.containsKey(queue)) {
          throw new NotFoundException(404, "NOT_FOUND - no queue '" + queue + "'", null);
        }
      } else {
        broker.calls.add("queueDeclare " + queue);
        broker.queueDeclareArguments.add(arguments);
        broker.queues.putIfAbsent(queue, new ArrayDeque<>());
      }
      return new QueueDeclareResult(queue, broker.size(queue), 0);
    }

    @Override
    public void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
      broker.calls.add("queueBind " + queue + " " + exchange + " " + routingKey);
      List<Binding> list = broker.bindings.computeIfAbsent(exchange, k -> new ArrayList<>());
      Binding b = new Binding(queue, routingKey);
      if (!list.contains(b)) {
        list.add(b);
      }
    }

    @Override
    public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
      broker.bindings.getOrDefault(exchange, new ArrayList<>()).remove(new Binding(queue, routingKey));
    }

    @Override
    public long queuePurge(String queue) {
      Deque<Stored> q = broker.queues.get(queue);
      long n = q == null ? 0 : q.size();
      if (q != null) {
        q.clear();
      }
      return n;
    }

    @Override
    public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
      Deque<Stored> q = broker.queues.remove(queue);
      return q == null ? 0 : q.size();
    }

    @Override
    public void basicPublish(OutboundMessage message, String exchange, String routingKey, boolean mandatory,
        @Nullable Duration confirmTimeout) {
      connection.checkAlive();
      if (broker.failNextPublishes > 0) {
        broker.failNextPublishes--;
        if (broker.failWithChannelError) {
          open = false;
          throw new io.kombu.ChannelException("channel closed by the fake broker");
        }
        connection.open = false;
        throw new ConnectionException("connection reset by the fake broker");
      }
      broker.published.add(message);
      broker.route(message, exchange, routingKey);
    }

    @Override
    public void basicPublishAll(List<OutboundMessage> messages, String exchange, String routingKey, boolean mandatory,
        @Nullable Duration confirmTimeout) {
      broker.publishAllBatches.add(messages.size());
      TransportChannel.super.basicPublishAll(messages, exchange, routingKey, mandatory, confirmTimeout);
    }

    @Override
    public Optional<Delivery> basicGet(String queue, boolean noAck) {
      Deque<Stored> q = broker.queues.get(queue);
      if (q == null || q.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(delivery(queue, q.pollFirst(), noAck, null));
    }

    @Override
    public void basicConsume(String queue, boolean noAck, String consumerTag, Map<String, Object> arguments,
        DeliveryCallback callback, @Nullable CancelCallback onCancel) {
      broker.calls.add("basicConsume " + queue + " " + consumerTag);
      consumers.put(consumerTag, new ConsumerEntry(queue, noAck, callback));
    }

    @Override
    public void basicCancel(String consumerTag) {
      broker.calls.add("basicCancel " + consumerTag);
      consumers.remove(consumerTag);
    }

    @Override
    public void basicAck(long deliveryTag, boolean multiple) {
      broker.calls.add("basicAck " + deliveryTag);
      unacked.remove(deliveryTag);
    }

    @Override
    public void basicReject(long deliveryTag, boolean requeue) {
      broker.calls.add("basicReject " + deliveryTag + " " + requeue);
      Unacked u = unacked.remove(deliveryTag);
      if (u != null && requeue) {
        restore(u);
      }
    }

    private void restore(Unacked u) {
      Stored s = u.stored();
      broker.queues.get(u.queue()).addFirst(new Stored(s.message(), s.exchange(), s.routingKey(), true));
    }

    @Override
    public void basicQos(int prefetchSize, int prefetchCount, boolean global) {
      broker.calls.add("basicQos " + prefetchCount);
      prefetch = prefetchCount;
    }

    @Override
    public void basicRecover(boolean requeue) {
      new ArrayList<>(unacked.values()).forEach(this::restore);
      unacked.clear();
    }

    @Override
    public void flow(boolean active) {
      throw new io.kombu.KombuException("the fake transport has no flow control");
    }

    @Override
    public void setReturnCallback(@Nullable ReturnCallback listener) {}

    @Override
    public void close() {
      if (!open) {
        return;
      }
      open = false;
      consumers.clear();
      List<Unacked> pending = new ArrayList<>(unacked.values());
      java.util.Collections.reverse(pending);
      pending.forEach(this::restore);
      unacked.clear();
    }
  }
}
