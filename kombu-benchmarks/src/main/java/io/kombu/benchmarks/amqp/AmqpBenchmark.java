package io.kombu.benchmarks.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.ConnectionFactory;
import io.kombu.Connection;
import io.kombu.benchmarks.BenchmarkProgram;
import io.kombu.core.Kombu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu-Java's AMQP transport against the raw RabbitMQ client it is built on and against Python Kombu 5 (py-amqp), on
 * one RabbitMQ: persistent publishes to a durable queue (done when the broker holds them all) and consume + ack with a
 * prefetch limit, with throughput and CPU per message. The raw client runs twice: encoding and decoding each body with
 * Jackson (the work Kombu does) and with bytes encoded once (the client's floor). Warm-up rounds (two by default: with
 * one, the JIT was still compiling Kombu's longer publish path in the first measured rounds, which showed as process
 * CPU), then rounds in which the three Java contenders take turns going first, each round followed by the Python
 * script; medians are reported.
 * Writes a Markdown report to {@code --out} and logs it.
 *
 * <pre>
 * java -cp kombu-benchmarks/target/benchmarks.jar io.kombu.benchmarks.amqp.AmqpBenchmark \
 *     [--url=amqp://guest:guest@127.0.0.1:5672//] [--messages=20000] [--python-messages=10000] [--prefetch=100] \
 *     [--rounds=5] [--warmups=2] [--python=/usr/bin/python3] [--script=kombu-benchmarks/src/main/python/amqp/amqp_bench.py] \
 *     [--out=amqp-benchmark.md]
 * </pre>
 *
 * <p>Thread-safety: a program entry point; not meant to be shared.
 */
public final class AmqpBenchmark {
  private static final Logger log = LoggerFactory.getLogger(AmqpBenchmark.class);

  private AmqpBenchmark() {}

  /**
   * @param args {@code --name=value} options, see the class comment
   * @throws Exception when RabbitMQ or Python cannot be reached, or the report cannot be written
   */
  public static void main(String[] args) throws Exception {
    BenchmarkProgram opts = BenchmarkProgram.parse(args);
    String url = opts.option("url", "amqp://guest:guest@127.0.0.1:5672//");
    int messages = opts.intOption("messages", 20000);
    int pyMessages = opts.intOption("python-messages", 10000);
    int prefetch = opts.intOption("prefetch", 100);
    int rounds = opts.intOption("rounds", 5);
    int warmups = opts.intOption("warmups", 2);
    PythonAmqpBench python = new PythonAmqpBench(opts.option("python", "/usr/bin/python3"),
        opts.pathOption("script", "kombu-benchmarks/src/main/python/amqp/amqp_bench.py"));
    Path out = opts.pathOption("out", "amqp-benchmark.md");

    Map<String, Object> body = BenchmarkProgram.orderBody();

    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String queue = "kombu-bench-" + suffix;
    String pyQueue = "kombu-bench-py-" + suffix;
    String loadBefore = loadAverage();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(rawClientUri(url));
    try (com.rabbitmq.client.Connection raw = factory.newConnection("kombu-bench-raw");
        Connection kombuConn = Kombu.connect(url)) {
      com.rabbitmq.client.Channel admin = raw.createChannel();
      admin.queueDeclare(queue, true, false, false, null);
      log.info("benchmark queues: {} (Java) and {} (Python); both are deleted at the end", queue, pyQueue);
      QueueWatcher watcher = new QueueWatcher(admin);
      KombuAmqpBench kombu = new KombuAmqpBench(kombuConn, body, watcher);
      RawAmqpBench rawCodec = new RawAmqpBench(raw, body, new ObjectMapper(), watcher);
      RawAmqpBench rawBytes = new RawAmqpBench(raw, body, null, watcher);
      List<Runner> runners = List.of(
          new Runner("kombu", () -> kombu.publish(queue, messages), () -> kombu.consumeAck(queue, messages, prefetch)),
          new Runner("raw+jackson", () -> rawCodec.publish(queue, messages),
              () -> rawCodec.consumeAck(queue, messages, prefetch)),
          new Runner("raw bytes", () -> rawBytes.publish(queue, messages),
              () -> rawBytes.consumeAck(queue, messages, prefetch)));
      List<Measurement> pPub = new ArrayList<>();
      List<Measurement> pCon = new ArrayList<>();
      List<String> roundLines = new ArrayList<>();
      String pyVersion = "";
      try {
        for (int round = 1 - warmups; round <= rounds; round++) {
          StringBuilder line = new StringBuilder(round <= 0 ? "warm-up" : "round " + round).append(':');
          // Each round starts with the next runner, so no side always runs first (or last) on a warming machine.
          for (int turn = 0; turn < runners.size(); turn++) {
            Runner r = runners.get(Math.floorMod(round + turn, runners.size()));
            Measurement publish = r.publish.run();
            Measurement consume = r.consume.run();
            if (watcher.count(queue) != 0) {
              throw new IllegalStateException("queue " + queue + " still holds messages after a consume run");
            }
            if (round > 0) {
              r.publishes.add(publish);
              r.consumes.add(consume);
            }
            line.append(String.format(Locale.ROOT, " %s publish %.0f, consume+ack %.0f;", r.name,
                publish.perSecond(), consume.perSecond()));
          }
          PythonAmqpBench.Result py = python.run(url, pyMessages, prefetch, pyQueue);
          pyVersion = py.version();
          line.append(String.format(Locale.ROOT, " python publish %.0f, consume+ack %.0f", py.publish().perSecond(),
              py.consumeAck().perSecond()));
          log.info("{}", line);
          if (round > 0) {
            roundLines.add(line.toString());
            pPub.add(py.publish());
            pCon.add(py.consumeAck());
          }
        }
      } finally {
        deleteQueue(admin, queue);
      }
      String report = report(url, messages, pyMessages, prefetch, rounds, warmups, pyVersion, loadBefore, loadAverage(),
          List.of(runners.get(0).publishes, runners.get(1).publishes, runners.get(2).publishes, pPub),
          List.of(runners.get(0).consumes, runners.get(1).consumes, runners.get(2).consumes, pCon), roundLines);
      BenchmarkProgram.writeReport(log, report, out);
    }
  }

  /** One contender: its publish and consume runs, and what they measured. */
  private static final class Runner {
    final String name;
    final Run publish;
    final Run consume;
    final List<Measurement> publishes = new ArrayList<>();
    final List<Measurement> consumes = new ArrayList<>();

    Runner(String name, Run publish, Run consume) {
      this.name = name;
      this.publish = publish;
      this.consume = consume;
    }
  }

  /** A timed run. */
  @FunctionalInterface
  private interface Run {
    Measurement run() throws Exception;
  }

  /** {@code publish} and {@code consume} hold the runs of Kombu-Java, raw + Jackson, raw bytes and Python, in order. */
  private static String report(String url, int messages, int pyMessages, int prefetch, int rounds, int warmups,
      String pyVersion, String loadBefore, String loadAfter, List<List<Measurement>> publish,
      List<List<Measurement>> consume, List<String> roundLines) {
    List<Measurement> pub = publish.stream().map(Measurement::median).toList();
    List<Measurement> con = consume.stream().map(Measurement::median).toList();
    StringBuilder md = new StringBuilder();
    md.append("AMQP benchmark, ").append(Instant.now()).append(", RabbitMQ at ").append(maskPassword(url))
        .append(", Java ").append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average ").append(loadBefore)
        .append(" before and ").append(loadAfter).append(" after; ").append(messages).append(" messages per run (Python: ")
        .append(pyMessages).append("), prefetch ").append(prefetch).append(", medians of ").append(rounds)
        .append(" interleaved rounds after ").append(warmups).append(" warm-up round(s)\n\n");
    md.append("Kombu-Java publishes a map (JSON-encoded per message) and its handler gets the decoded body. \"raw + "
        + "Jackson\" does the same work with amqp-client and a Jackson ObjectMapper; \"raw bytes\" sends bytes encoded "
        + "once and never decodes (the client's floor). Ratios are Kombu-Java / raw against the issue's targets: "
        + "throughput >= 0.9, CPU <= 1.5.\n\n");
    md.append("| | Kombu-Java | raw + Jackson | ratio | raw bytes | ratio | Python ").append(pyVersion)
        .append(" | Kombu-Java / Python |\n|---|---|---|---|---|---|---|---|\n");
    line(md, "persistent publish (msg/s)", pub, Measurement::perSecond, 1, true);
    line(md, "publish CPU, publishing thread (us/msg)", pub, Measurement::threadCpuNanosPerMessage, 1e3, false);
    line(md, "publish CPU, whole process (us/msg)", pub, Measurement::processCpuNanosPerMessage, 1e3, false);
    line(md, "consume + ack, prefetch " + prefetch + " (msg/s)", con, Measurement::perSecond, 1, true);
    line(md, "consume CPU, all Java threads (us/msg)", con, Measurement::threadCpuNanosPerMessage, 1e3, false);
    line(md, "consume CPU, whole process (us/msg)", con, Measurement::processCpuNanosPerMessage, 1e3, false);
    md.append("\nPython's CPU is its whole process (time.process_time) in both of its CPU rows.\n\nRounds (msg/s):\n\n");
    for (String l : roundLines) {
      md.append("* ").append(l).append('\n');
    }
    return md.toString();
  }

  private static void line(StringBuilder md, String name, List<Measurement> medians,
      ToDoubleFunction<Measurement> field, double unit, boolean higherIsBetter) {
    double k = field.applyAsDouble(medians.get(0));
    md.append("| ").append(name).append(" | ").append(format(k / unit));
    for (int i = 1; i <= 2; i++) {
      double r = field.applyAsDouble(medians.get(i));
      double ratio = k / r;
      boolean met = higherIsBetter ? ratio >= 0.9 : ratio <= 1.5;
      md.append(" | ").append(format(r / unit))
          .append(String.format(Locale.ROOT, " | %.2f (%s)", ratio, met ? "met" : "NOT met"));
    }
    double p = field.applyAsDouble(medians.get(3));
    md.append(" | ").append(format(p / unit)).append(String.format(Locale.ROOT, " | %.2f |%n", k / p));
  }

  private static String format(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  /** Deletes the queue without hiding why the benchmark ended (the broker may be gone). */
  private static void deleteQueue(com.rabbitmq.client.Channel admin, String queue) {
    try {
      admin.queueDelete(queue);
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("could not delete benchmark queue {} ({}); delete it with: rabbitmqctl delete_queue {}", queue,
          e.getMessage(), queue);
    }
  }

  /** Kombu writes virtual host "/" as {@code //}; the raw client wants it escaped ({@code /%2F}). */
  static String rawClientUri(String url) {
    int hostStart = url.indexOf("://") + 3;
    int path = url.indexOf('/', hostStart);
    if (path < 0) {
      return url;
    }
    String vhost = url.substring(path + 1);
    return url.substring(0, path + 1) + (vhost.startsWith("/") ? "%2F" + vhost.substring(1) : vhost);
  }

  private static String maskPassword(String url) {
    return url.replaceFirst("://([^:/@]*):[^@]*@", "://$1:**@");
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return String.format(Locale.ROOT, "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
