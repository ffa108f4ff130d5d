package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Binding;
import io.kombu.Channel;
import io.kombu.ConfigurationException;
import io.kombu.Exchange;
import io.kombu.Queue;
import io.kombu.core.internal.messaging.KombuConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Declarations follow Kombu's rules and the connection's cache")
class DeclareTest {
  private final TestConnections env = new TestConnections();
  private KombuConnection conn;
  private Channel channel;

  @BeforeEach
  void setUp() {
    conn = env.connect("fake://h");
    channel = conn.defaultChannel();
  }

  @AfterEach
  void tearDown() {
    conn.close();
  }

  @Test
  @DisplayName("maybeDeclare declares once and answers false from the cache afterwards")
  void cached() {
    Exchange e = Exchange.direct("x").build();
    assertThat(channel.maybeDeclare(e)).isTrue();
    assertThat(channel.maybeDeclare(e)).isFalse();
    assertThat(conn.channel().maybeDeclare(e)).isFalse();
    assertThat(env.broker.calls).containsExactly("exchangeDeclare x");
  }

  @Test
  @DisplayName("auto-delete entities and expiring queues are declared every time")
  void notCached() {
    Queue autoDelete = Queue.builder("ad").autoDelete(true).build();
    Queue expiring = Queue.builder("exp").expires(Duration.ofSeconds(30)).build();
    Queue expiringByArgument = Queue.builder("exp2").queueArguments(Map.of("x-expires", 1000)).build();
    for (int i = 0; i < 2; i++) {
      assertThat(channel.maybeDeclare(autoDelete)).isTrue();
      assertThat(channel.maybeDeclare(expiring)).isTrue();
      assertThat(channel.maybeDeclare(expiringByArgument)).isTrue();
    }
  }

  @Test
  @DisplayName("the cache is cleared when the connection closes and reconnects")
  void clearedOnReconnect() {
    Exchange e = Exchange.direct("x").build();
    channel.maybeDeclare(e);
    conn.close();
    assertThat(conn.defaultChannel().maybeDeclare(e)).isTrue();
  }

  @Test
  @DisplayName("queue x-arguments come from the typed helpers as int milliseconds and override queue arguments")
  void queueArguments() {
    Queue q = Queue.builder("args").queueArguments(Map.of("x-max-priority", 3, "other", "v"))
        .messageTtl(Duration.ofMillis(1500)).expires(Duration.ofSeconds(10)).maxPriority(9).maxLength(100)
        .maxLengthBytes(2048L).deadLetterExchange("dlx").deadLetterRoutingKey("dead").queueType("quorum").build();
    channel.declare(q);
    assertThat(env.broker.queueDeclareArguments).singleElement().isEqualTo(Map.of(
        "x-max-priority", 9, "other", "v", "x-message-ttl", 1500, "x-expires", 10000, "x-max-length", 100,
        "x-max-length-bytes", 2048L, "x-dead-letter-exchange", "dlx", "x-dead-letter-routing-key", "dead",
        "x-queue-type", "quorum"));
  }

  @Test
  @DisplayName("declaring a queue declares its exchange, binds it when named, then every binding")
  void queueDeclareOrder() {
    Exchange tasks = Exchange.direct("tasks").build();
    channel.declare(Queue.builder("hipri").exchange(tasks).routingKey("hi").build());
    channel.declare(Queue.builder("multi").bindings(java.util.List.of(Binding.of(Exchange.fanout("f").build(), "k")))
        .build());
    channel.declare(Queue.of("plain"));
    assertThat(env.broker.calls).containsExactly("exchangeDeclare tasks", "queueDeclare hipri",
        "queueBind hipri tasks hi", "queueDeclare multi", "exchangeDeclare f", "queueBind multi f k",
        "queueDeclare plain");
  }

  @Test
  @DisplayName("the default exchange, amq.* exchanges and noDeclare exchanges are never declared")
  void skippedExchanges() {
    channel.declare(Exchange.DEFAULT);
    channel.declare(Exchange.direct("amq.direct").build());
    channel.declare(Exchange.direct("quiet").noDeclare(true).build());
    assertThat(env.broker.calls).isEmpty();
  }

  @Test
  @DisplayName("an exchange type the transport cannot route is refused naming the transport and the type")
  void unsupportedType() {
    assertThatThrownBy(() -> channel.declare(Exchange.topic("t").build()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("fake").hasMessageContaining("'topic'");
    assertThat(conn.supportsExchangeType(io.kombu.ExchangeType.FANOUT)).isTrue();
  }
}
