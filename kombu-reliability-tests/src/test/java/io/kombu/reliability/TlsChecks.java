package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kombu.Connection;
import io.kombu.Message;
import io.kombu.SimpleQueue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What the {@code rediss://} and {@code amqps://} tests do with a URL: a message through a {@link SimpleQueue}, or the
 * failure to connect, checked for leaked secrets.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class TlsChecks {
  private TlsChecks() {}

  /** @param url a broker URL that must work: one message goes through a new queue, which is then deleted */
  static void roundTrip(String url) {
    String name = "tls-it-" + UUID.randomUUID();
    try (Connection conn = Kombu.connect(url); SimpleQueue queue = conn.simpleQueue(name)) {
      try {
        queue.put(Map.of("over", "tls"));
        Message message = queue.get(Duration.ofSeconds(10));
        assertThat(message.decode()).isEqualTo(Map.of("over", "tls"));
        message.ack();
      } finally {
        conn.defaultChannel().queueDelete(name, false, false);
      }
    }
  }

  /** @param url a broker URL that must not work @return what connecting and publishing threw */
  static Throwable failureOf(String url) {
    Throwable error = catchThrowable(() -> {
      try (Connection conn = Kombu.connect(url); SimpleQueue queue = conn.simpleQueue("tls-it-never")) {
        queue.put("never delivered");
      }
    });
    assertThat(error).as("connecting must fail").isNotNull();
    return error;
  }

  /** @param error a failure: neither its message nor its printed stack trace may hold a planted secret */
  static void assertNoSecret(Throwable error) {
    Secrets.assertAbsent("the exception message", String.valueOf(error.getMessage()));
    Secrets.assertAbsent("the stack trace", LogCapture.printed(error));
  }
}
