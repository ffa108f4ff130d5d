package io.kombu.transport.memory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The user guide's task queue example (queues.py, worker.py, client.py) on memory://. */
@DisplayName("The task queue example routes hipri/midpri/lopri tasks to a ConsumerLoop worker")
class TaskQueueExampleTest {
  private final String suffix = UUID.randomUUID().toString();
  // queues.py
  private final Exchange taskExchange = Exchange.direct("tasks-" + suffix).build();
  private final List<Queue> taskQueues = List.of(
      Queue.builder("hipri-" + suffix).exchange(taskExchange).routingKey("hipri").build(),
      Queue.builder("midpri-" + suffix).exchange(taskExchange).routingKey("midpri").build(),
      Queue.builder("lopri-" + suffix).exchange(taskExchange).routingKey("lopri").build());
  private static final Map<String, String> PRIORITY_TO_ROUTING_KEY =
      Map.of("high", "hipri", "mid", "midpri", "low", "lopri");

  // client.py: send_as_task
  private void sendAsTask(Connection connection, String fun, List<Object> args, String priority) {
    Map<String, Object> payload = Map.of("fun", fun, "args", args, "kwargs", Map.of());
    try (Producer producer = connection.producer()) {
      producer.maybeDeclare(taskExchange);
      producer.publish(payload, PublishOptions.builder().exchange(taskExchange).serializer("json").compression("bzip2")
          .routingKey(PRIORITY_TO_ROUTING_KEY.get(priority)).build());
    }
  }

  @Test
  @DisplayName("every task reaches the worker through its priority queue, decompressed and decoded")
  void workerProcessesTasks() {
    List<String> done = new ArrayList<>();
    try (Connection conn = Kombu.connect("memory://")) {
      // worker.py: the queues must exist before the client publishes to a direct exchange
      for (Queue q : taskQueues) {
        conn.defaultChannel().declare(q);
      }
      sendAsTask(conn, "hello_task", List.of("Kombu"), "high");
      sendAsTask(conn, "hello_task", List.of("mid"), "mid");
      sendAsTask(conn, "hello_task", List.of("low"), "low");

      ConsumerLoop worker = ConsumerLoop.builder(conn)
          .consumers(channel -> List.of(ConsumerOptions.builder(taskQueues)
              .handler((body, message) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> task = (Map<String, Object>) body;
                done.add(task.get("fun") + "(" + task.get("args") + ") via " + message.routingKey());
                message.ack();
              }).build()))
          .build();
      worker.run(3, Duration.ofSeconds(10));
    }
    assertThat(done).containsExactlyInAnyOrder("hello_task([Kombu]) via hipri", "hello_task([mid]) via midpri",
        "hello_task([low]) via lopri");
  }
}
