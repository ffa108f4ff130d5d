package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.ConnectionLimitExceededException;
import io.kombu.EncodeException;
import io.kombu.Exchange;
import io.kombu.LimitExceededException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProducerPool")
class ProducerPoolTest {
  private final Connection template = Kombu.connect("memory://");
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final String name = "pools-prod-" + UUID.randomUUID();
  private final Exchange exchange = Exchange.direct(name).build();
  private final Queue queue = Queue.builder(name).exchange(exchange).routingKey(name).build();

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    template.close();
  }

  @Test
  @DisplayName("a producer borrows a connection for its loan and returns both on close")
  void returnsItsConnection() {
    try (ConnectionPool connections = new ConnectionPool(template, 2);
        ProducerPool producers = new ProducerPool(connections, 2)) {
      PooledProducer p = producers.acquire();
      assertThat(producers.inUse()).isEqualTo(1);
      assertThat(connections.inUse()).isEqualTo(1);
      PooledConnection conn = p.connection();
      p.close();
      assertThat(producers.inUse()).isZero();
      assertThat(connections.inUse()).isZero();
      assertThat(conn.isReleased()).isTrue();
      assertThatThrownBy(() -> p.publish("late")).isInstanceOf(IllegalStateException.class);
      p.close();
      assertThat(connections.free()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a pooled producer publishes a batch through its loaned producer, and not after the loan ends")
  void publishesABatch() {
    try (ConnectionPool connections = new ConnectionPool(template, 1);
        ProducerPool producers = new ProducerPool(connections, 1)) {
      PooledProducer p = producers.acquire();
      p.maybeDeclare(queue);
      p.publishAll(List.of("a", "b", "c"), PublishOptions.builder().exchange(exchange).routingKey(name).build());
      p.close();
      assertThatThrownBy(() -> p.publishAll(List.of("late"), PublishOptions.routingKey(name)))
          .isInstanceOf(IllegalStateException.class);
      try (Connection reader = template.clone()) {
        Channel ch = reader.channel();
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("a");
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("b");
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("c");
        assertThat(ch.get(name, true, null)).isEmpty();
        ch.queueDelete(name, false, false);
      }
    }
  }

  @Test
  @DisplayName("a producer publishes, and keeps its maybe-declare cache from one loan to the next")
  void publishesAndKeepsDeclareCache() {
    try (ConnectionPool connections = new ConnectionPool(template, 1);
        ProducerPool producers = new ProducerPool(connections, 1)) {
      try (PooledProducer p = producers.acquire()) {
        assertThat(p.maybeDeclare(queue)).isTrue();
        p.publish("one", PublishOptions.builder().exchange(exchange).routingKey(name).build());
      }
      try (PooledProducer p = producers.acquire()) {
        assertThat(p.maybeDeclare(queue)).isFalse();
        p.publish("two", PublishOptions.builder().exchange(exchange).routingKey(name).build());
      }
      try (Connection reader = template.clone()) {
        Channel ch = reader.channel();
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("one");
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("two");
        ch.queueDelete(name, false, false);
      }
    }
  }

  @Test
  @DisplayName("publishing with a retry policy reconnects and publishes once when the connection drops")
  void retriesAcrossReconnect() {
    FlakyTransportProvider flaky = new FlakyTransportProvider();
    Connection flakyTemplate = Kombu.builder().url("memory://").transport(flaky).build();
    try (ConnectionPool connections = new ConnectionPool(flakyTemplate, 1);
        ProducerPool producers = new ProducerPool(connections, 1)) {
      producers.run(Duration.ofSeconds(1), p -> p.maybeDeclare(queue));
      assertThat(flaky.connects.get()).isEqualTo(1);
      flaky.failingPublishes.set(1);
      PublishOptions withRetry = PublishOptions.builder().exchange(exchange).routingKey(name)
          .retry(RetryPolicy.builder().maxRetries(3).intervalStart(Duration.ZERO).build()).build();
      producers.run(Duration.ofSeconds(1), p -> p.publish("survived", withRetry));
      assertThat(flaky.connects.get()).isEqualTo(2);
      assertThat(flaky.failingPublishes.get()).isZero();
      assertThat(connections.inUse()).isZero();
      assertThat(connections.free()).isEqualTo(1);
      try (Connection reader = template.clone()) {
        Channel ch = reader.channel();
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("survived");
        assertThat(ch.get(name, true, null)).isEmpty();
        ch.queueDelete(name, false, false);
      }
    }
  }

  @Test
  @DisplayName("without a retry policy a dropped connection fails the publish and use() replaces producer and connection")
  void failureReplaces() {
    FlakyTransportProvider flaky = new FlakyTransportProvider();
    Connection flakyTemplate = Kombu.builder().url("memory://").transport(flaky).build();
    try (ConnectionPool connections = new ConnectionPool(flakyTemplate, 1);
        ProducerPool producers = new ProducerPool(connections, 1)) {
      Connection first = connections.use(Duration.ofSeconds(1), PooledConnection::resource);
      flaky.failingPublishes.set(1);
      assertThatThrownBy(() -> producers.run(Duration.ofSeconds(1),
          p -> p.publish("lost", PublishOptions.builder().exchange(exchange).routingKey(name).build())))
          .isInstanceOf(io.kombu.ConnectionException.class);
      assertThat(producers.inUse()).isZero();
      assertThat(producers.free()).isZero();
      assertThat(connections.inUse()).isZero();
      assertThat(connections.free()).isZero();
      assertThat(connections.use(Duration.ofSeconds(1), PooledConnection::resource)).isNotSameAs(first);
    }
  }

  @Test
  @DisplayName("an encode error in use() also replaces the producer, and the pool still works")
  void encodeErrorReplaces() {
    try (ConnectionPool connections = new ConnectionPool(template, 1);
        ProducerPool producers = new ProducerPool(connections, 1)) {
      assertThatThrownBy(() -> producers.run(Duration.ofSeconds(1),
          p -> p.publish(new Object(), PublishOptions.builder().contentType("application/x-custom").build())))
          .isInstanceOf(EncodeException.class);
      assertThat(producers.inUse()).isZero();
      producers.run(Duration.ofSeconds(1), p -> assertThat(p.connection().isReleased()).isFalse());
    }
  }

  @Test
  @DisplayName("the producer limit and the connection limit are both enforced")
  void limits() {
    try (ConnectionPool connections = new ConnectionPool(template, 1);
        ProducerPool producers = new ProducerPool(connections, 2)) {
      PooledProducer p = producers.acquire();
      assertThatThrownBy(producers::acquire).isInstanceOf(ConnectionLimitExceededException.class);
      assertThat(producers.inUse()).isEqualTo(1);
      p.close();
      producers.resize(1);
      PooledProducer q = producers.acquire();
      assertThatThrownBy(producers::acquire).isInstanceOf(LimitExceededException.class)
          .isNotInstanceOf(ConnectionLimitExceededException.class);
      q.close();
    }
  }

  @Test
  @DisplayName("a blocked producer acquire completes when another thread returns its producer")
  void blockedAcquire() throws Exception {
    try (ConnectionPool connections = new ConnectionPool(template, 1);
        ProducerPool producers = new ProducerPool(connections, 1)) {
      PooledProducer held = producers.acquire();
      CompletableFuture<PooledProducer> waiter =
          CompletableFuture.supplyAsync(() -> producers.acquire(Duration.ofSeconds(30)), executor);
      assertThatThrownBy(() -> producers.acquire(Duration.ofMillis(20))).isInstanceOf(LimitExceededException.class);
      held.release();
      PooledProducer got = waiter.get(10, TimeUnit.SECONDS);
      assertThat(got.connection().resource()).isSameAs(held.loanedConnection().resource());
      got.close();
    }
  }

  @Test
  @DisplayName("a producer uses the pool's producer options")
  void options() {
    try (ConnectionPool connections = new ConnectionPool(template, 1);
        ProducerPool producers = new ProducerPool(connections, 1,
            io.kombu.ProducerOptions.builder().exchange(exchange).routingKey(name).build())) {
      producers.run(Duration.ofSeconds(1), p -> {
        assertThat(p.exchange()).isEqualTo(exchange);
        assertThat(p.routingKey()).isEqualTo(name);
        p.maybeDeclare(queue);
        p.publish("defaults");
      });
      try (Connection reader = template.clone()) {
        Channel ch = reader.channel();
        assertThat(ch.get(name, true, null).map(Message::decode)).contains("defaults");
        ch.queueDelete(name, false, false);
      }
    }
  }

  @Test
  @DisplayName("closing the producer pool closes it for acquire but leaves the connection pool open")
  void closing() {
    try (ConnectionPool connections = new ConnectionPool(template, 1)) {
      ProducerPool producers = new ProducerPool(connections, 1);
      PooledProducer p = producers.acquire();
      producers.close();
      assertThatThrownBy(producers::acquire).hasMessageStartingWith("Acquire on closed pool");
      p.close();
      assertThat(connections.isClosed()).isFalse();
      assertThat(connections.inUse()).isZero();
    }
  }
}
