package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Message;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import io.kombu.testkit.PythonKombu;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@RequiresBroker("amqp")
@DisplayName("A Celery 5 task message sent by Python arrives intact in Kombu-Java")
class AmqpCeleryInteropIT {
  private static final String SEND_TASK = String.join("\n",
      "import sys",
      "from celery import Celery",
      "app = Celery(broker=sys.argv[1])",
      "r = app.send_task('tasks.add', args=[2, 3], kwargs={'big': 2**40}, queue=sys.argv[2])",
      "print(r.id)");

  private final String queue = "amqp-celery-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    try (Connection c = Kombu.connect(TestBrokers.url("amqp"))) {
      c.defaultChannel().queueDelete(queue, false, false);
      c.defaultChannel().exchangeDelete(queue, false);
    }
  }

  @Test
  @DisplayName("task protocol 2: headers (task, id, timelimit, ...), properties and the JSON body with a 64-bit kwarg")
  void celeryTaskMessage() {
    String taskId = PythonKombu.run(SEND_TASK, AmqpPythonInteropIT.pythonUrl(), queue).get(0).trim();

    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"))) {
      Optional<Message> got = Optional.empty();
      for (int i = 0; i < 100 && got.isEmpty(); i++) {
        got = conn.defaultChannel().get(queue);
      }
      assertThat(got).isPresent();
      Message m = got.get();
      assertThat(m.headers())
          .containsEntry("lang", "py")
          .containsEntry("task", "tasks.add")
          .containsEntry("id", taskId)
          .containsEntry("root_id", taskId)
          .containsEntry("timelimit", java.util.Arrays.asList(null, null))
          .containsEntry("retries", 0);
      assertThat(m.properties()).containsEntry("correlation_id", taskId).containsEntry("content_type", "application/json");
      assertThat(m.decode()).isInstanceOfSatisfying(List.class, body -> {
        assertThat(((List<?>) body.get(0))).extracting(n -> ((Number) n).longValue()).containsExactly(2L, 3L);
        assertThat(((Number) ((Map<?, ?>) body.get(1)).get("big")).longValue()).isEqualTo(1L << 40);
      });
      m.ack();
    }
  }
}
