package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.PublishOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * A real Celery 5 worker ({@code python3 -m celery -A tasks worker -P solo}) executes a task that Java published in
 * Celery's message protocol 2 (spec §10): anonymous exchange, routing key = queue, protocol-2 headers, body {@code [args,
 * kwargs, embed]}.
 */
@RequiresBroker("redis")
@DisplayName("a Celery worker executes a task published from Java")
class CeleryWorkerIT {
  @Test
  @DisplayName("kombu_it.add(2, 3) published by Java runs in the Celery worker")
  void celeryRunsJavaTask() throws Exception {
    String queue = "celery-it-" + UUID.randomUUID().toString().substring(0, 8);
    String marker = queue + ".result";
    String taskId = UUID.randomUUID().toString();
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("lang", "py");
    headers.put("task", "kombu_it.add");
    headers.put("id", taskId);
    headers.put("retries", 0);
    headers.put("timelimit", Arrays.asList(null, null));
    headers.put("root_id", taskId);
    headers.put("argsrepr", "(2, 3, '" + marker + "')");
    headers.put("kwargsrepr", "{}");
    headers.put("origin", "java@kombu-it");
    headers.put("ignore_result", true);
    Map<String, Object> embed = new LinkedHashMap<>();
    embed.put("callbacks", null);
    embed.put("errbacks", null);
    embed.put("chain", null);
    embed.put("chord", null);
    List<Object> body = List.of(List.of(2, 3, marker), Map.of(), embed);

    File log = File.createTempFile("celery-it", ".log");
    log.deleteOnExit();
    Process worker = null;
    try (JedisPooled redis = RedisTestSupport.client(); Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.producer().publish(body, PublishOptions.builder().routingKey(queue).headers(headers)
          .correlationId(taskId).build());
      ProcessBuilder pb = new ProcessBuilder(PythonPeer.PYTHON, "-m", "celery", "-A", "tasks", "worker", "-P", "solo",
          "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info")
          .directory(PythonPeer.resources().toFile())
          .redirectErrorStream(true)
          .redirectOutput(log);
      pb.environment().put("CELERY_IT_BROKER", TestBrokers.url("redis"));
      worker = pb.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      String result = null;
      while (result == null && System.nanoTime() < deadline && worker.isAlive()) {
        result = redis.get(marker);
        Thread.onSpinWait();
      }
      assertThat(result).as("the worker wrote the task's result; worker log:%n%s", Files.readString(log.toPath()))
          .isEqualTo("5");
      assertThat(redis.llen(queue)).isZero();
      redis.del(marker, queue, "_kombu.binding." + queue);
    } finally {
      if (worker != null) {
        worker.destroy();
        if (!worker.waitFor(10, TimeUnit.SECONDS)) {
          worker.destroyForcibly();
        }
      }
    }
  }
}
