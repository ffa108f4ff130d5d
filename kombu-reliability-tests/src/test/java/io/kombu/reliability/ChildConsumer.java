package io.kombu.reliability;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer that {@link AmqpConsumerCrashIT} runs in a child JVM and kills: it consumes {@code n} messages without
 * acknowledging any, prints {@code HELD <n>} on standard output (the parent's signal to kill it) and then waits forever,
 * holding them.
 *
 * <p>Usage: {@code java -cp <test class path> io.kombu.reliability.ChildConsumer <url> <queue> <n> [k=v,k=v]}, the
 * optional last argument being transport options. Thread-safety: a program with one thread.
 */
public final class ChildConsumer {
  /** The line prefix the parent waits for. */
  static final String HELD = "HELD ";

  private ChildConsumer() {}

  /** @param args url, queue name, how many messages to hold, optional transport options {@code k=v,k=v} */
  public static void main(String[] args) {
    String url = args[0];
    String queueName = args[1];
    int count = Integer.parseInt(args[2]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<Message> held = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    if (args.length > 3) {
      for (String pair : args[3].split(",")) {
        String[] kv = pair.split("=", 2);
        options.put(kv[0], kv[1]);
      }
    }
    try (Connection conn = Kombu.connect(url, TransportOptions.of(options))) {
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
