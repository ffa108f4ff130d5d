package io.kombu.transport.memory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.SimpleQueue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The user guide's logger on a SimpleQueue, on memory://. */
@DisplayName("The SimpleQueue logger example sends and processes a log entry")
class SimpleQueueLoggerExampleTest {
  /** The example's Logger class. */
  static final class Logger implements AutoCloseable {
    private final SimpleQueue queue;
    private final String serializer;
    private final String compression;

    Logger(Connection connection, String queueName, String serializer, String compression) {
      this.queue = connection.simpleQueue(queueName);
      this.serializer = serializer;
      this.compression = compression;
    }

    void log(String message, String level, Map<String, Object> context) {
      queue.put(Map.of("message", message, "level", level, "context", context, "hostname", "worker-1",
          "timestamp", 1_700_000_000.5), PublishOptions.builder().serializer(serializer).compression(compression).build());
    }

    void process(Consumer<Map<?, ?>> callback, int n, Duration timeout) {
      for (int i = 0; i < n; i++) {
        Message logMessage = queue.get(timeout);
        callback.accept((Map<?, ?>) logMessage.payload());
        logMessage.ack();
      }
    }

    @Override
    public void close() {
      queue.close();
    }
  }

  @Test
  @DisplayName("an ERROR entry with context round-trips through the queue and is acked")
  void logAndProcess() {
    List<Map<?, ?>> entries = new ArrayList<>();
    try (Connection conn = Kombu.connect("memory://");
        Logger logger = new Logger(conn, "log_queue-" + UUID.randomUUID(), "json", "zlib")) {
      logger.log("Error happened while encoding video", "ERROR", Map.of("filename", "cutekitten.mpg"));
      logger.process(entries::add, 1, Duration.ofSeconds(1));
      assertThat(logger.queue.qsize()).isZero();
    }
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.get("level")).isEqualTo("ERROR");
      assertThat(e.get("message")).isEqualTo("Error happened while encoding video");
      assertThat(e.get("context")).isEqualTo(Map.of("filename", "cutekitten.mpg"));
      assertThat(e.get("timestamp")).isEqualTo(1_700_000_000.5);
    });
  }
}
