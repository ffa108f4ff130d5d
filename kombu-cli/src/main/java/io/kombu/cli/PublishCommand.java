package io.kombu.cli;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.DeliveryMode;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kombu publish}: sends one body (JSON value, text or a file's bytes) to an exchange, optionally declaring queues
 * bound to it first.
 *
 * <p>Thread-safety: a command object is used for one run on one thread.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Publish a message (JSON value, text, or a file's bytes) to an exchange.")
final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "Broker URL, e.g. memory://, redis://localhost:6379/0.")
  String url;

  @Option(names = "--exchange", required = true, paramLabel = "E",
      description = "Exchange name (\"\" for the default exchange, which routes by queue name).")
  String exchange;

  @Option(names = "--type", defaultValue = "direct", paramLabel = "TYPE",
      description = "Exchange type: direct, topic, fanout or headers (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--routing-key", required = true, paramLabel = "K", description = "Routing key.")
  String routingKey;

  @Option(names = "--serializer", paramLabel = "S",
      description = "json, msgpack, yaml, pickle or raw (default: json for --json; --text goes as text/plain and"
          + " --body-file as application/data unless a serializer is given).")
  @Nullable String serializer;

  @Option(names = "--compression", paramLabel = "C", description = "zlib, gzip, bzip2, lzma, zstd, brotli, snappy.")
  @Nullable String compression;

  @Option(names = "--header", paramLabel = "K=V", description = "An application header; repeat for more.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--priority", paramLabel = "N", description = "Message priority, 0-255 (brokers use 0-9 or the queue's max).")
  @Nullable Integer priority;

  @Option(names = "--delivery-mode", paramLabel = "1|2", description = "1 transient, 2 persistent (Kombu's default).")
  @Nullable Integer deliveryMode;

  @Option(names = "--declare-queue", paramLabel = "NAME[=BINDING_KEY]",
      description = "Declare this queue bound to the exchange (binding key defaults to --routing-key); repeat for more.")
  List<String> declareQueues = new ArrayList<>();

  @Option(names = "--no-declare",
      description = "Publish to the exchange as it exists: do not declare it (an existing exchange with other properties"
          + " would make the declare fail).")
  boolean noDeclare;

  @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "Publish the body N times (default: 1).")
  int count;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Body body;

  /** Exactly one of the three body options. */
  static final class Body {
    @Option(names = "--json", paramLabel = "TEXT", description = "A JSON value, sent with the serializer (json by default).")
    @Nullable String json;

    @Option(names = "--text", paramLabel = "TEXT", description = "A string.")
    @Nullable String text;

    @Option(names = "--body-file", paramLabel = "FILE", description = "A file whose bytes are the body.")
    @Nullable Path file;
  }

  @Override
  public Integer call() {
    if (count < 1) {
      throw new CliArgumentException("--count must be at least 1, was " + count);
    }
    Object value = bodyValue();
    Exchange target = Exchange.builder(exchange).type(ExchangeType.of(type)).noDeclare(noDeclare).build();
    PublishOptions options = publishOptions();
    try (Connection conn = Connections.open(url)) {
      Channel channel = conn.defaultChannel();
      if (!target.isDefault() && !noDeclare) {
        channel.declare(target);
      }
      for (String declaration : declareQueues) {
        channel.declare(queueFor(declaration, target));
      }
      try (Producer producer = conn.producer(ProducerOptions.builder().exchange(target).autoDeclare(false).build())) {
        for (int i = 0; i < count; i++) {
          producer.publish(value, options);
        }
      }
      spec.commandLine().getOut().printf("Published %d message%s to exchange '%s' (%s) with routing key '%s'%n",
          count, count == 1 ? "" : "s", exchange, type, routingKey);
    }
    return ExitCodes.OK;
  }

  private Object bodyValue() {
    if (body.json != null) {
      Object parsed = JsonValues.parse(body.json);
      // A JSON null would publish an empty body; say so instead of sending something surprising.
      if (parsed == null) {
        throw new CliArgumentException("--json null has no body to send: give an object, list, string or number");
      }
      return parsed;
    }
    if (body.text != null) {
      return body.text;
    }
    Path file = Objects.requireNonNull(body.file, "body file");
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliArgumentException("cannot read --body-file " + file + ": " + e.getMessage(), e);
    }
  }

  private PublishOptions publishOptions() {
    PublishOptions.Builder options = PublishOptions.builder().routingKey(routingKey);
    if (serializer != null) {
      options.serializer(serializer);
    }
    if (compression != null) {
      options.compression(compression);
    }
    headers.forEach(options::header);
    if (priority != null) {
      options.priority(priority);
    }
    if (deliveryMode != null) {
      options.deliveryMode(switch (deliveryMode) {
        case 1 -> DeliveryMode.TRANSIENT;
        case 2 -> DeliveryMode.PERSISTENT;
        default -> throw new CliArgumentException("--delivery-mode must be 1 (transient) or 2 (persistent), was "
            + deliveryMode);
      });
    }
    return options.build();
  }

  private Queue queueFor(String declaration, Exchange target) {
    int eq = declaration.indexOf('=');
    String name = eq < 0 ? declaration : declaration.substring(0, eq);
    String bindingKey = eq < 0 ? routingKey : declaration.substring(eq + 1);
    if (name.isEmpty()) {
      throw new CliArgumentException("--declare-queue needs a queue name, as NAME or NAME=BINDING_KEY");
    }
    Queue.Builder queue = Queue.builder(name);
    if (!target.isDefault()) {
      queue.exchange(target).routingKey(bindingKey);
    }
    return queue.build();
  }
}
