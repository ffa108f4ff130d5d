package io.kombu.transport.memory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A ConsumerLoop worker on its own thread processes N messages and is stopped from the main thread. */
@DisplayName("A ConsumerLoop worker processes N messages and stops when asked")
class ConsumerLoopWorkerExampleTest {
  private static final int N = 50;

  @Test
  @DisplayName("all N messages are processed in order, then stop() ends run() on the worker thread")
  void workerProcessesAndStops() throws Exception {
    Exchange jobs = Exchange.direct("jobs-" + UUID.randomUUID()).build();
    Queue queue = Queue.builder("jobs-" + UUID.randomUUID()).exchange(jobs).routingKey("job").build();
    List<Object> processed = new CopyOnWriteArrayList<>();
    CountDownLatch allDone = new CountDownLatch(N);
    try (Connection conn = Kombu.connect("memory://")) {
      conn.defaultChannel().declare(queue);
      ConsumerLoop worker = ConsumerLoop.builder(conn)
          .consumers(channel -> List.of(ConsumerOptions.builder(queue).prefetchCount(10)
              .handler((body, message) -> {
                processed.add(body);
                message.ack();
                allDone.countDown();
              }).build()))
          .build();
      Thread thread = new Thread(worker::run, "example-worker");
      thread.start();
      try (var producer = conn.producer(jobs)) {
        for (int i = 0; i < N; i++) {
          producer.publish(i, PublishOptions.routingKey("job"));
        }
      }
      assertThat(allDone.await(30, TimeUnit.SECONDS)).isTrue();
      worker.stop();
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(thread.isAlive()).isFalse();
      assertThat(conn.defaultChannel().queueDeclarePassive(queue.name()).messageCount()).isZero();
    }
    assertThat(processed).hasSize(N).first().isEqualTo(0);
  }
}
