package io.kombu.reliability;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer that {@link AmqpConsumerCrashIT} runs in a child JVM and kills: it consumes {@code n} messages without
 * acknowledging any, prints {@code HELD <n>} on standard output (the parent's signal to kill it) and then waits forever,
 * holding them.
 *
 * <p>Usage: {@code java -cp <test class path> io.kombu.reliability.ChildConsumer <url> <queue> <n>}. Thread-safety: a
 * program with one thread.
 */
public final class ChildConsumer {
  /** The line prefix the parent waits for. */
  static final String HELD = "HELD ";

  private ChildConsumer() {}

  /** @param args url, queue name, how many messages to hold */
  public static void main(String[] args) {
    String url = args[0];
    String queueName = args[1];
    int count = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<Message> held = new ArrayList<>();
    try (Connection conn = Kombu.connect(url)) {
      Queue queue = Queue.builder(queueName).durable(false).build();
      conn.consumer(ConsumerOptions.builder(queue).prefetchCount(count).onMessage(held::add).build());
      boolean announced = false;
      while (true) {
        try {
          conn.drainEvents(Duration.ofSeconds(1));
        } catch (KombuTimeoutException e) {
          // idle: keep holding
        }
        if (!announced && held.size() >= count) {
          out.println(HELD + held.size());
          announced = true;
        }
      }
    }
  }
}
