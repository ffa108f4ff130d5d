package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.BrokerReply;
import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.IrrecoverableChannelException;
import io.kombu.IrrecoverableConnectionException;
import io.kombu.KombuTimeoutException;
import io.kombu.NotFoundException;
import io.kombu.PreconditionFailedException;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Delivery;
import io.kombu.spi.ErrorKind;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@RequiresBroker("amqp")
@DisplayName("The AMQP transport's SPI against a real RabbitMQ")
class AmqpTransportIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final String prefix = "amqp-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final List<String> queues = new ArrayList<>();
  private final List<String> exchanges = new ArrayList<>();
  private final List<Transport> transports = new ArrayList<>();
  private TransportConnection connection;
  private TransportChannel channel;

  @BeforeEach
  void connect() {
    connection = transport(TransportOptions.defaults()).connect();
    channel = connection.openChannel();
  }

  @AfterEach
  void cleanUp() {
    try (Transport t = transport(TransportOptions.defaults())) {
      TransportConnection c = t.connect();
      for (String q : queues) {
        TransportChannel ch = c.openChannel();
        ch.queueDelete(q, false, false);
        ch.close();
      }
      for (String x : exchanges) {
        TransportChannel ch = c.openChannel();
        ch.exchangeDelete(x, false);
        ch.close();
      }
    } finally {
      transports.forEach(Transport::close);
    }
  }

  private Transport transport(TransportOptions options) {
    return transport(TestBrokers.url("amqp"), options);
  }

  private Transport transport(String rawUrl, TransportOptions options) {
    BrokerUrl url = BrokerUrls.parseOne(rawUrl);
    Transport t = new AmqpTransportProvider().create(url, options);
    transports.add(t);
    return t;
  }

  private String queue(Map<String, Object> arguments) {
    String name = prefix + "q" + queues.size();
    queues.add(name);
    channel.queueDeclare(name, false, false, false, false, arguments);
    return name;
  }

  private static OutboundMessage text(String body, Map<String, Object> headers, Map<String, Object> properties) {
    return new OutboundMessage(body.getBytes(StandardCharsets.UTF_8), "text/plain", "utf-8", headers, properties);
  }

  private static String text(Delivery d) {
    return new String(d.body(), StandardCharsets.UTF_8);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.onSpinWait();
    }
  }

  private Delivery getOne(TransportChannel ch, String queue) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Delivery> d = ch.basicGet(queue, false);
      if (d.isPresent()) {
        return d.get();
      }
    }
    throw new AssertionError("no message in " + queue + " within " + WAIT);
  }

  @Test
  @DisplayName("every Kombu property travels as the AMQP property of the same name and comes back by that name")
  void propertiesRoundTrip() {
    String q = queue(Map.of());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("delivery_mode", 2);
    props.put("priority", 3);
    props.put("correlation_id", "corr-1");
    props.put("reply_to", "replies");
    props.put("expiration", "60000");
    props.put("message_id", "id-1");
    props.put("timestamp", 1_700_000_000L);
    props.put("type", "kind");
    props.put("user_id", "guest");
    props.put("app_id", "app");
    props.put("cluster_id", "cluster");
    channel.basicPublish(text("hello", Map.of("x-a", "b"), props), "", q, false, null);

    Delivery d = getOne(channel, q);

    assertThat(text(d)).isEqualTo("hello");
    assertThat(d.contentType()).isEqualTo("text/plain");
    assertThat(d.contentEncoding()).isEqualTo("utf-8");
    assertThat(d.headers()).containsExactly(Map.entry("x-a", "b"));
    assertThat(d.properties()).containsAllEntriesOf(props)
        .containsEntry("content_type", "text/plain")
        .containsEntry("content_encoding", "utf-8")
        .containsEntry("application_headers", Map.of("x-a", "b"));
    assertThat(d.exchange()).isEmpty();
    assertThat(d.routingKey()).isEqualTo(q);
    assertThat(d.consumerTag()).isNull();
    assertThat(d.redelivered()).isFalse();
    channel.basicAck(d.deliveryTag(), false);
  }

  @Test
  @DisplayName("headers of every Java type come back as plain values, 64-bit longs of both signs included")
  void headerValuesRoundTrip() {
    String q = queue(Map.of());
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("short", (short) 7);
    headers.put("byte", (byte) -3);
    headers.put("small-long", 5L);
    headers.put("big", 1L << 40);
    headers.put("big-negative", Long.MIN_VALUE);
    headers.put("double", 1.5d);
    headers.put("bool", true);
    headers.put("list", List.of(1, "two", -(1L << 40)));
    headers.put("map", Map.of("k", "v", "n", Long.MAX_VALUE));
    headers.put("when", Instant.ofEpochSecond(1_700_000_000L));
    headers.put("null", null);
    channel.basicPublish(text("h", headers, Map.of()), "", q, false, null);

    Delivery d = getOne(channel, q);

    assertThat(d.headers()).containsEntry("short", 7).containsEntry("byte", -3).containsEntry("small-long", 5)
        .containsEntry("big", 1L << 40).containsEntry("big-negative", Long.MIN_VALUE).containsEntry("double", 1.5d)
        .containsEntry("bool", true).containsEntry("list", List.of(1, "two", -(1L << 40)))
        .containsEntry("map", Map.of("k", "v", "n", Long.MAX_VALUE))
        .containsEntry("when", Instant.ofEpochSecond(1_700_000_000L)).containsEntry("null", null);
  }

  @Test
  @DisplayName("an unroutable mandatory message comes back to the return callback, on the draining thread")
  void mandatoryReturn() {
    List<String> returned = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    channel.setReturnCallback((code, replyText, exchange, routingKey, message) -> {
      returned.add(code + " " + replyText + " " + routingKey + " " + text(message));
      threads.add(Thread.currentThread());
    });

    channel.basicPublish(text("lost", Map.of(), Map.of()), "", prefix + "nowhere", true, null);
    connection.drainEvents(WAIT);

    assertThat(returned).containsExactly("312 NO_ROUTE " + prefix + "nowhere lost");
    assertThat(threads).containsExactly(Thread.currentThread());
  }

  @Test
  @DisplayName("deliveries run on the thread that drains, all that arrived in one call, and a quiet drain times out")
  void drainEventsOnCallerThread() {
    String q = queue(Map.of());
    for (int i = 0; i < 3; i++) {
      channel.basicPublish(text("m" + i, Map.of(), Map.of()), "", q, false, null);
    }
    await("three messages wait", () -> channel.queueDeclare(q, true, false, false, false, Map.of()).messageCount() == 3);
    List<String> got = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    channel.basicConsume(q, false, prefix + "tag", Map.of(), d -> {
      got.add(text(d) + "@" + d.consumerTag());
      threads.add(Thread.currentThread());
      channel.basicAck(d.deliveryTag(), false);
    }, null);

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (got.size() < 3 && System.nanoTime() < deadline) {
      connection.drainEvents(WAIT);
    }

    assertThat(got).containsExactly("m0@" + prefix + "tag", "m1@" + prefix + "tag", "m2@" + prefix + "tag");
    assertThat(threads).containsOnly(Thread.currentThread());
    assertThatThrownBy(() -> connection.drainEvents(Duration.ofMillis(200))).isInstanceOf(KombuTimeoutException.class);
  }

  @Test
  @DisplayName("with confirm_publish a publish waits for the broker's ack, and a nack throws MessageNackedException")
  void publisherConfirms() {
    TransportChannel confirming = transport(TransportOptions.of(Map.of("confirm_publish", true, "confirm_timeout", 5)))
        .connect().openChannel();
    String q = queue(Map.of("x-max-length", 1, "x-overflow", "reject-publish"));

    confirming.basicPublish(text("first", Map.of(), Map.of()), "", q, false, null);

    assertThat(channel.queueDeclare(q, true, false, false, false, Map.of()).messageCount()).isEqualTo(1);
    assertThatThrownBy(() -> confirming.basicPublish(text("second", Map.of(), Map.of()), "", q, false, null))
        .isInstanceOf(MessageNackedException.class)
        .hasMessageContaining("nacked");
  }

  @Test
  @DisplayName("a rejected message goes to the dead-letter exchange, with RabbitMQ's x-death header as plain values")
  void deadLettering() {
    String dlq = queue(Map.of());
    String q = queue(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
    channel.basicPublish(text("doomed", Map.of(), Map.of()), "", q, false, null);

    Delivery d = getOne(channel, q);
    channel.basicReject(d.deliveryTag(), false);
    Delivery dead = getOne(channel, dlq);

    assertThat(text(dead)).isEqualTo("doomed");
    assertThat(dead.headers().get("x-death")).isInstanceOfSatisfying(List.class, deaths -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> death = (Map<String, Object>) deaths.get(0);
      assertThat(death).containsEntry("queue", q).containsEntry("reason", "rejected").containsEntry("count", 1L);
      assertThat(death.get("time")).isInstanceOf(Instant.class);
    });
  }

  @Test
  @DisplayName("messages expire by the queue's x-message-ttl and by their own expiration")
  void ttl() {
    String byQueue = queue(Map.of("x-message-ttl", 50));
    String byMessage = queue(Map.of());
    channel.basicPublish(text("short-lived", Map.of(), Map.of()), "", byQueue, false, null);
    channel.basicPublish(text("short-lived", Map.of(), Map.of("expiration", "50")), "", byMessage, false, null);
    channel.basicPublish(text("forever", Map.of(), Map.of()), "", byMessage, false, null);

    await("the queue TTL expired the message", () -> channel.basicGet(byQueue, true).isEmpty()
        && channel.queueDeclare(byQueue, true, false, false, false, Map.of()).messageCount() == 0);
    await("the message TTL expired the first message",
        () -> channel.queueDeclare(byMessage, true, false, false, false, Map.of()).messageCount() == 1);
    assertThat(text(getOne(channel, byMessage))).isEqualTo("forever");
  }

  @Test
  @DisplayName("a priority queue (x-max-priority) serves the highest priority first")
  void priorities() {
    String q = queue(Map.of("x-max-priority", 10));
    for (int p : new int[] {1, 9, 0, 5}) {
      channel.basicPublish(text("p" + p, Map.of(), Map.of("priority", p)), "", q, false, null);
    }
    await("four messages wait", () -> channel.queueDeclare(q, true, false, false, false, Map.of()).messageCount() == 4);

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Delivery d = getOne(channel, q);
      order.add(text(d));
      channel.basicAck(d.deliveryTag(), false);
    }

    assertThat(order).containsExactly("p9", "p5", "p1", "p0");
  }

  @Test
  @DisplayName("a quorum queue is declared, consumed and acked")
  void quorumQueue() {
    String q = prefix + "quorum";
    queues.add(q);
    channel.queueDeclare(q, false, true, false, false, Map.of("x-queue-type", "quorum"));
    channel.basicPublish(text("raft", Map.of(), Map.of("delivery_mode", 2)), "", q, false, null);
    List<Delivery> got = new CopyOnWriteArrayList<>();
    channel.basicQos(0, 10, false);
    channel.basicConsume(q, false, prefix + "quorum-tag", Map.of(), got::add, null);

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (got.isEmpty() && System.nanoTime() < deadline) {
      connection.drainEvents(WAIT);
    }
    channel.basicAck(got.get(0).deliveryTag(), false);
    channel.basicCancel(prefix + "quorum-tag");

    assertThat(text(got.get(0))).isEqualTo("raft");
    await("the ack emptied the quorum queue",
        () -> channel.queueDeclare(q, true, false, false, false, Map.of()).messageCount() == 0);
  }

  @Test
  @DisplayName("an exclusive queue is locked to its connection: another connection gets RESOURCE_LOCKED (405)")
  void exclusiveQueue() {
    String q = prefix + "exclusive";
    QueueDeclareCheck.declare(channel, q);
    TransportChannel other = transport(TransportOptions.defaults()).connect().openChannel();

    assertThatThrownBy(() -> other.basicConsume(q, false, prefix + "steal", Map.of(), d -> { }, null))
        .isInstanceOf(ChannelException.class)
        .satisfies(e -> assertThat(((BrokerReply) e).replyCode()).isEqualTo(405));
    assertThat(channel.queueDeclare(q, true, false, false, false, Map.of()).name()).isEqualTo(q);
  }

  @Test
  @DisplayName("a server-named queue gets its name from the broker")
  void serverNamedQueue() {
    String name = channel.queueDeclare("", false, false, true, true, Map.of()).name();
    assertThat(name).startsWith("amq.gen-");
  }

  @Test
  @DisplayName("deleting a consumed queue tells the cancel callback, on the draining thread")
  void brokerCancel() {
    String q = queue(Map.of());
    List<String> cancelled = new CopyOnWriteArrayList<>();
    channel.basicConsume(q, false, prefix + "cancel-me", Map.of(), d -> { }, cancelled::add);
    TransportChannel admin = connection.openChannel();

    admin.queueDelete(q, false, false);
    connection.drainEvents(WAIT);

    assertThat(cancelled).containsExactly(prefix + "cancel-me");
  }

  @Test
  @DisplayName("exchange-to-exchange bindings route through both exchanges")
  void exchangeToExchange() {
    String source = prefix + "src";
    String destination = prefix + "dst";
    exchanges.add(source);
    exchanges.add(destination);
    channel.exchangeDeclare(Exchange.topic(source).durable(false).build());
    channel.exchangeDeclare(Exchange.fanout(destination).durable(false).build());
    channel.exchangeBind(destination, source, "a.#", Map.of());
    String q = queue(Map.of());
    channel.queueBind(q, destination, "", Map.of());

    channel.basicPublish(text("via", Map.of(), Map.of()), source, "a.b", false, null);

    assertThat(text(getOne(channel, q))).isEqualTo("via");
    channel.exchangeUnbind(destination, source, "a.#", Map.of());
  }

  @Test
  @DisplayName("broker errors arrive as Kombu exceptions with their reply codes, and the connection survives them")
  void errorsByReplyCode() {
    assertThatThrownBy(() -> channel.queueDeclare(prefix + "missing", true, false, false, false, Map.of()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("404")
        .satisfies(e -> assertThat(((BrokerReply) e).replyCode()).isEqualTo(404));

    TransportChannel ch = connection.openChannel();
    String x = prefix + "x";
    exchanges.add(x);
    ch.exchangeDeclare(Exchange.direct(x).durable(false).build());
    assertThatThrownBy(() -> ch.exchangeDeclare(Exchange.builder(x).type(ExchangeType.FANOUT).durable(false).build()))
        .isInstanceOf(PreconditionFailedException.class)
        .satisfies(e -> assertThat(((BrokerReply) e).replyCode()).isEqualTo(406));

    TransportChannel ch2 = connection.openChannel();
    assertThatThrownBy(() -> ch2.flow(false)).isInstanceOf(IrrecoverableChannelException.class)
        .hasMessageContaining("not supported");
    assertThatThrownBy(() -> ch2.basicQos(1024, 1, false)).isInstanceOf(IrrecoverableChannelException.class);
    ch2.flow(true);
    ch2.basicQos(0, 5, false);
    assertThat(connection.isOpen()).isTrue();
    assertThat(ch2.isOpen()).isTrue();
  }

  @Test
  @DisplayName("a refused connection is a recoverable ConnectionException; a refused login is irrecoverable")
  void connectFailures() {
    Transport closedPort = transport("amqp://guest:guest@127.0.0.1:1//", TransportOptions.defaults());
    assertThatThrownBy(closedPort::connect).isInstanceOf(ConnectionException.class)
        .satisfies(e -> assertThat(closedPort.classify(e)).isEqualTo(ErrorKind.RECOVERABLE_CONNECTION));

    BrokerUrl good = BrokerUrls.parseOne(TestBrokers.url("amqp"));
    String badLogin = "amqp://guest:wrong-secret@" + good.hostname() + ":" + good.port() + "//";
    Transport refused = transport(badLogin, TransportOptions.defaults());
    assertThatThrownBy(refused::connect).isInstanceOf(IrrecoverableConnectionException.class)
        .hasMessageNotContaining("wrong-secret")
        .satisfies(e -> assertThat(refused.classify(e)).isEqualTo(ErrorKind.FATAL));
  }

  @Test
  @DisplayName("the URL's heartbeat is negotiated, and the broker's properties are offered as plain values")
  void heartbeatAndServerProperties() {
    BrokerUrl good = BrokerUrls.parseOne(TestBrokers.url("amqp"));
    String url = "amqp://" + good.userid() + ":" + good.password() + "@" + good.hostname() + ":" + good.port()
        + "//?heartbeat=7";
    TransportConnection c = transport(url, TransportOptions.defaults()).connect();

    assertThat(((io.kombu.transport.amqp.internal.AmqpConnection) c).clientConnection().getHeartbeat()).isEqualTo(7);
    assertThat(c.serverProperties()).containsEntry("product", "RabbitMQ");
  }

  @Test
  @DisplayName("a consumer's channel closed by the broker ends the drain with its channel error, as py-amqp raises it")
  void consumerChannelClosedByBrokerEndsTheDrain() {
    String q = queue(Map.of());
    TransportChannel consuming = connection.openChannel();
    consuming.basicConsume(q, false, prefix + "doomed", Map.of(), d -> { }, null);
    // A 404 closes the consumer's channel from the broker's side; the declare itself reports it.
    assertThatThrownBy(() -> consuming.queueDeclare(prefix + "missing", true, false, false, false, Map.of()))
        .isInstanceOf(NotFoundException.class);

    assertThatThrownBy(() -> connection.drainEvents(Duration.ofSeconds(30)))
        .as("the drain reports the lost consumer instead of waiting on a channel that no longer delivers")
        .isInstanceOf(NotFoundException.class).hasMessageContaining(prefix + "doomed").hasMessageContaining("404");
    assertThatThrownBy(() -> connection.drainEvents(Duration.ofMillis(200))).as("reported once")
        .isInstanceOf(KombuTimeoutException.class);
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  @DisplayName("a connection lost while draining ends the wait at once with a ConnectionException")
  void connectionLossWakesDrain() {
    var client = ((io.kombu.transport.amqp.internal.AmqpConnection) connection).clientConnection();
    java.util.concurrent.CompletableFuture<Void> killer = java.util.concurrent.CompletableFuture.runAsync(client::abort);

    long start = System.nanoTime();
    assertThatThrownBy(() -> connection.drainEvents(Duration.ofSeconds(30))).isInstanceOf(ConnectionException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    killer.join();
    assertThat(connection.isOpen()).isFalse();
    connection = transport(TransportOptions.defaults()).connect();
    channel = connection.openChannel();
  }

  @Test
  @DisplayName("a publish to a missing exchange closes the channel: the next call gets the 404, later calls a ChannelException")
  void asynchronousChannelClose() {
    String q = queue(Map.of());
    TransportChannel ch = connection.openChannel();

    ch.basicPublish(text("x", Map.of(), Map.of()), prefix + "no-such-exchange", "k", false, null);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (ch.isOpen() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertThatThrownBy(() -> ch.queuePurge(q)).isInstanceOf(NotFoundException.class).hasMessageContaining("404");
    assertThatThrownBy(() -> ch.queuePurge(q)).isInstanceOf(ChannelException.class)
        .satisfies(e -> assertThat(ErrorKind.of(e)).isEqualTo(ErrorKind.RECOVERABLE_CHANNEL));
    assertThat(connection.openChannel().queuePurge(q)).isZero();
  }

  @Test
  @DisplayName("basic.recover(requeue=true) redelivers unacked messages, marked redelivered")
  void recover() {
    String q = queue(Map.of());
    channel.basicPublish(text("again", Map.of(), Map.of()), "", q, false, null);
    List<Delivery> got = new CopyOnWriteArrayList<>();
    channel.basicConsume(q, false, prefix + "recover", Map.of(), got::add, null);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (got.isEmpty() && System.nanoTime() < deadline) {
      connection.drainEvents(WAIT);
    }

    channel.basicRecover(true);
    while (got.size() < 2 && System.nanoTime() < deadline) {
      connection.drainEvents(WAIT);
    }

    assertThat(got).hasSize(2);
    assertThat(got.get(1).redelivered()).isTrue();
    assertThat(text(got.get(1))).isEqualTo("again");
    channel.basicAck(got.get(1).deliveryTag(), false);
  }

  /** Declares an exclusive queue (deleted with its connection). */
  private static final class QueueDeclareCheck {
    static void declare(TransportChannel ch, String name) {
      ch.queueDeclare(name, false, false, true, true, Map.of());
    }
  }
}
