package io.kombu.cli;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.NotFoundException;
import io.kombu.Queue;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kombu consume}: takes messages from a queue and prints each as one JSON object per line, acknowledging it after
 * the line is written (unless {@code --no-ack}).
 *
 * <p>Thread-safety: a command object is used for one run on one thread.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = "Consume messages from a queue and print one JSON object per message and line.")
final class ConsumeCommand implements Callable<Integer> {
  private static final int MAX_PREFETCH = 100;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "Broker URL.")
  String url;

  @Option(names = "--queue", required = true, paramLabel = "Q", description = "Queue to consume from.")
  String queue;

  @Option(names = "--exchange", paramLabel = "E",
      description = "Declare the queue bound to this exchange first (without it an existing queue is used as it"
          + " is, and a missing one is declared with Kombu's defaults).")
  @Nullable String exchange;

  @Option(names = "--type", defaultValue = "direct", paramLabel = "T",
      description = "Type of --exchange (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--routing-key", paramLabel = "K", description = "Binding key for --exchange (default: the queue name).")
  @Nullable String routingKey;

  @Option(names = "--count", defaultValue = "0", paramLabel = "N",
      description = "Stop after N messages; exit status 3 if --timeout passes first (default: no limit).")
  int count;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: wait forever). Without --count, stopping then is success.")
  @Nullable Double timeoutSeconds;

  @Option(names = "--no-ack", description = "Consume without acknowledgements (the broker forgets each message on delivery).")
  boolean noAck;

  @Option(names = "--accept", split = ",", paramLabel = "LIST",
      description = "Serializers or content types to decode, e.g. json,msgpack (default: Kombu's defaults). Others print"
          + " body null and keep body_base64.")
  @Nullable List<String> accept;

  private int received;

  @Override
  @SuppressWarnings("try") // the consumer and the exit guard work by being open, not by being called
  public Integer call() {
    if (count < 0) {
      throw new CliArgumentException("--count must be 0 (no limit) or more, was " + count);
    }
    if (timeoutSeconds != null && timeoutSeconds <= 0) {
      throw new CliArgumentException("--timeout must be more than 0 seconds, was " + timeoutSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (timeoutSeconds * 1e9);
    try (Connection conn = Connections.open(url); CloseOnExit onExit = new CloseOnExit(conn)) {
      Queue target = queueToConsume(conn);
      ConsumerOptions.Builder options = ConsumerOptions.builder(target)
          .noAck(noAck)
          .prefetchCount(count > 0 ? Math.min(count, MAX_PREFETCH) : MAX_PREFETCH)
          .onMessage(message -> handle(message, out));
      if (accept != null) {
        options.accept(accept);
      }
      try (Consumer consumer = conn.consumer(options.build())) {
        while (count == 0 || received < count) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return timedOut();
          }
          try {
            conn.drainEvents(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
          } catch (KombuTimeoutException e) {
            // One quiet second: loop to check the deadline again.
          }
        }
      }
    }
    return ExitCodes.OK;
  }

  private int timedOut() {
    if (count == 0) {
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().printf("kombu: error: timed out after %s s: %d of %d messages arrived%n",
        timeoutSeconds, received, count);
    return ExitCodes.TIMEOUT;
  }

  private Queue queueToConsume(Connection conn) {
    if (exchange == null) {
      // An existing queue is used as it is: declaring it again with Kombu's defaults could clash with its owner's
      // properties. The probe gets its own channel because AMQP closes a channel whose passive declare fails.
      try (Channel probe = conn.channel()) {
        probe.queueDeclarePassive(queue);
        return Queue.builder(queue).noDeclare(true).build();
      } catch (NotFoundException e) {
        // Not there (or, on Redis, empty, which Kombu cannot tell apart): declare it with Kombu's defaults and wait.
        return Queue.builder(queue).build();
      }
    }
    Exchange source = Exchange.builder(exchange).type(ExchangeType.of(type)).build();
    Queue.Builder declared = Queue.builder(queue);
    if (!source.isDefault()) {
      declared.exchange(source).routingKey(routingKey == null ? queue : routingKey);
    }
    return declared.build();
  }

  private void handle(Message message, PrintWriter out) {
    if (count > 0 && received >= count) {
      // Prefetched beyond --count: hand it back rather than printing or losing it.
      if (!noAck) {
        message.requeue();
      }
      return;
    }
    received++;
    out.println(JsonValues.write(report(message)));
    out.flush();
    if (!noAck) {
      message.ack();
    }
  }

  /** @return the printed form of a message: body decoded (or null), raw bytes, and everything the broker said */
  static Map<String, @Nullable Object> report(Message message) {
    Map<String, @Nullable Object> line = new LinkedHashMap<>();
    line.put("body", decodeOrNull(message));
    line.put("body_base64", Base64.getEncoder().encodeToString(message.body()));
    line.put("content_type", message.contentType());
    line.put("content_encoding", message.contentEncoding());
    line.put("headers", message.headers());
    line.put("properties", message.properties());
    line.put("delivery_info", message.deliveryInfo());
    return line;
  }

  private static @Nullable Object decodeOrNull(Message message) {
    try {
      return message.decode();
    } catch (KombuException e) {
      return null;
    }
  }
}
