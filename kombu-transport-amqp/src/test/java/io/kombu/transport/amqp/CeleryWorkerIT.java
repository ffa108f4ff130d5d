package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.DeliveryMode;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import io.kombu.core.SerializerRegistry;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Celery 5 worker ({@code python3 -m celery -A tasks worker -P solo}) executes a task that Java published on
 * RabbitMQ in Celery's message protocol 2: a direct exchange and a queue named alike (Celery's {@code celery}/{@code
 * celery}, made unique per run through {@code task_default_queue}), protocol-2 headers, properties as Celery sets them
 * and the JSON body {@code [args, kwargs, embed]}. The task writes what it received to a file the test reads.
 */
@RequiresBroker("amqp")
@DisplayName("a Celery worker executes a task published from Java over AMQP")
class CeleryWorkerIT {
  private static final String PYTHON = System.getProperty("kombu.it.python", "/usr/bin/python3");
  private static final long BIG = 1L << 40;

  @TempDir Path dir;

  @Test
  @DisplayName("kombu_it.record(path, 2, 3, note=..., big=2**40) published by Java runs in the worker with those arguments")
  void celeryRunsJavaTask() throws Exception {
    String name = "celery-amqp-it-" + UUID.randomUUID().toString().substring(0, 8);
    String taskId = UUID.randomUUID().toString();
    String replyTo = UUID.randomUUID().toString();
    Path resultFile = dir.resolve("result.json");
    Exchange exchange = Exchange.direct(name).build();
    Queue queue = Queue.of(name, exchange, name);

    Path log = dir.resolve("worker.log");
    Process worker = null;
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"))) {
      try {
        Producer producer = conn.producer(exchange);
        producer.publish(taskBody(resultFile.toString()), PublishOptions.builder()
            .routingKey(name)
            .declare(queue)
            .headers(protocol2Headers(taskId, resultFile.toString()))
            .correlationId(taskId)
            .replyTo(replyTo)
            .deliveryMode(DeliveryMode.PERSISTENT)
            .priority(0)
            .build());

        worker = startWorker(name, log);
        String written = awaitFile(resultFile, worker, Duration.ofSeconds(90));
        assertThat(written).as("the worker ran the task; worker log:%n%s", readQuietly(log)).isNotNull();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) SerializerRegistry.defaultRegistry()
            .loads(written.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", "utf-8", null);
        assertThat(result).isNotNull();
        assertThat(result.get("args")).isEqualTo(List.of(resultFile.toString(), 2, 3));
        assertThat(((Number) ((Map<?, ?>) result.get("kwargs")).get("big")).longValue()).isEqualTo(BIG);
        assertThat(((Map<?, ?>) result.get("kwargs")).get("note")).isEqualTo("from java");
        assertThat(result.get("sum")).isEqualTo(5);
        assertThat(result.get("id")).isEqualTo(taskId);
        assertThat(result.get("correlation_id")).isEqualTo(taskId);
        assertThat(result.get("reply_to")).isEqualTo(replyTo);
        assertThat(result.get("retries")).isEqualTo(0);
        assertThat(result.get("origin")).isEqualTo("java@kombu-it");
        Map<?, ?> deliveryInfo = (Map<?, ?>) result.get("delivery_info");
        assertThat(deliveryInfo.get("exchange")).isEqualTo(name);
        assertThat(deliveryInfo.get("routing_key")).isEqualTo(name);
        assertThat(conn.defaultChannel().queueDeclarePassive(name).messageCount())
            .as("the worker acked the task").isZero();
      } finally {
        stop(worker);
        conn.defaultChannel().queueDelete(name, false, false);
        conn.defaultChannel().exchangeDelete(name, false);
      }
    }
  }

  private static List<Object> taskBody(String path) {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("note", "from java");
    kwargs.put("big", BIG);
    Map<String, Object> embed = new LinkedHashMap<>();
    embed.put("callbacks", null);
    embed.put("errbacks", null);
    embed.put("chain", null);
    embed.put("chord", null);
    return List.of(List.of(path, 2, 3), kwargs, embed);
  }

  /**
   * The headers Celery 5's {@code amqp.as_task_v2} writes, in its order (see spec/wire-samples/celery). Celery also
   * sends {@code shadow}, {@code eta}, {@code expires}, {@code group}, {@code group_index} and {@code parent_id} as
   * None; PublishOptions takes no null header values, and a worker reads an absent one as None.
   */
  private static Map<String, Object> protocol2Headers(String taskId, String path) {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("lang", "py");
    headers.put("task", "kombu_it.record");
    headers.put("id", taskId);
    headers.put("retries", 0);
    headers.put("timelimit", Arrays.asList(null, null));
    headers.put("root_id", taskId);
    headers.put("argsrepr", "('" + path + "', 2, 3)");
    headers.put("kwargsrepr", "{'note': 'from java', 'big': " + BIG + "}");
    headers.put("origin", "java@kombu-it");
    headers.put("ignore_result", true);
    return headers;
  }

  private static Process startWorker(String queue, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "celery", "-A", "tasks", "worker", "-P", "solo", "-c", "1",
        "-Q", queue, "--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "info")
        .directory(Path.of("src/test/resources/celery").toAbsolutePath().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("CELERY_IT_BROKER", TestBrokers.url("amqp").replaceFirst("^amqp://", "pyamqp://"));
    pb.environment().put("CELERY_IT_QUEUE", queue);
    return pb.start();
  }

  /** Waits for the task's file, ending early when the worker exits; the wait is the worker process itself. */
  private static String awaitFile(Path file, Process worker, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        return Files.readString(file);
      }
      if (worker.waitFor(100, TimeUnit.MILLISECONDS)) {
        return Files.exists(file) ? Files.readString(file) : null;
      }
    }
    return null;
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void stop(Process worker) throws InterruptedException {
    if (worker == null) {
      return;
    }
    worker.destroy();
    if (!worker.waitFor(15, TimeUnit.SECONDS)) {
      worker.destroyForcibly();
      worker.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
