package io.kombu.benchmarks.amqp;

import com.rabbitmq.client.ConnectionFactory;
import io.kombu.Connection;
import io.kombu.core.Kombu;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu-Java's AMQP transport against the raw RabbitMQ client it is built on and against Python Kombu 5 (py-amqp), on
 * one RabbitMQ: persistent publishes to a durable queue (done when the broker holds them all) and consume + ack with a
 * prefetch limit, with throughput and CPU per message. A warm-up round, then rounds in which Kombu-Java and the raw
 * client take turns going first, each followed by the Python script; medians are reported. Writes a Markdown report to
 * {@code --out} and logs it.
 *
 * <pre>
 * java -cp kombu-benchmarks/target/benchmarks.jar io.kombu.benchmarks.amqp.AmqpBenchmark \
 *     [--url=amqp://guest:guest@127.0.0.1:5672//] [--messages=20000] [--python-messages=10000] [--prefetch=100] \
 *     [--rounds=5] [--python=/usr/bin/python3] [--script=kombu-benchmarks/src/main/python/amqp/amqp_bench.py] \
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
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument '" + a + "': use --name=value (see the class javadoc)");
      }
      opts.put(a.substring(2, eq), a.substring(eq + 1));
    }
    String url = opts.getOrDefault("url", "amqp://guest:guest@127.0.0.1:5672//");
    int messages = Integer.parseInt(opts.getOrDefault("messages", "20000"));
    int pyMessages = Integer.parseInt(opts.getOrDefault("python-messages", "10000"));
    int prefetch = Integer.parseInt(opts.getOrDefault("prefetch", "100"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
    PythonAmqpBench python = new PythonAmqpBench(opts.getOrDefault("python", "/usr/bin/python3"),
        Path.of(opts.getOrDefault("script", "kombu-benchmarks/src/main/python/amqp/amqp_bench.py")));
    Path out = Path.of(opts.getOrDefault("out", "amqp-benchmark.md"));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", 123456);
    body.put("event", "order.created");
    body.put("customer", "c-0042");
    body.put("amount", 99.95);
    body.put("items", List.of("sku-1", "sku-2", "sku-3"));
    byte[] json = ("{\"id\": 123456, \"event\": \"order.created\", \"customer\": \"c-0042\", \"amount\": 99.95, "
        + "\"items\": [\"sku-1\", \"sku-2\", \"sku-3\"]}").getBytes(StandardCharsets.UTF_8);

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
      QueueWatcher watcher = new QueueWatcher(admin);
      KombuAmqpBench kombu = new KombuAmqpBench(kombuConn, body, watcher);
      RawAmqpBench rawBench = new RawAmqpBench(raw, json, watcher);
      List<Measurement> kPub = new ArrayList<>();
      List<Measurement> kCon = new ArrayList<>();
      List<Measurement> rPub = new ArrayList<>();
      List<Measurement> rCon = new ArrayList<>();
      List<Measurement> pPub = new ArrayList<>();
      List<Measurement> pCon = new ArrayList<>();
      List<String> roundLines = new ArrayList<>();
      String pyVersion = "";
      try {
        for (int round = 0; round <= rounds; round++) {
          boolean kombuFirst = round % 2 == 1;
          Measurement kp = null;
          Measurement kc = null;
          Measurement rp = null;
          Measurement rc = null;
          for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == kombuFirst) {
              kp = kombu.publish(queue, messages);
              kc = kombu.consumeAck(queue, messages, prefetch);
            } else {
              rp = rawBench.publish(queue, messages);
              rc = rawBench.consumeAck(queue, messages, prefetch);
            }
            if (watcher.count(queue) != 0) {
              throw new IllegalStateException("queue " + queue + " still holds messages after a consume run");
            }
          }
          PythonAmqpBench.Result py = python.run(url, pyMessages, prefetch, pyQueue);
          pyVersion = py.version();
          String line = String.format(Locale.ROOT, "%s (%s first): publish kombu %.0f, raw %.0f, python %.0f msg/s; "
                  + "consume+ack kombu %.0f, raw %.0f, python %.0f msg/s",
              round == 0 ? "warm-up" : "round " + round, kombuFirst ? "Kombu" : "raw",
              kp.perSecond(), rp.perSecond(), py.publish().perSecond(),
              kc.perSecond(), rc.perSecond(), py.consumeAck().perSecond());
          log.info("{}", line);
          if (round > 0) {
            roundLines.add(line);
            kPub.add(kp);
            kCon.add(kc);
            rPub.add(rp);
            rCon.add(rc);
            pPub.add(py.publish());
            pCon.add(py.consumeAck());
          }
        }
      } finally {
        admin.queueDelete(queue);
      }
      String report = report(url, messages, pyMessages, prefetch, rounds, pyVersion, loadBefore, loadAverage(),
          Measurement.median(kPub), Measurement.median(rPub), Measurement.median(pPub),
          Measurement.median(kCon), Measurement.median(rCon), Measurement.median(pCon), roundLines);
      for (String line : report.split("\n")) {
        log.info("{}", line);
      }
      Files.writeString(out, report, StandardCharsets.UTF_8);
      log.info("results written to {}", out.toAbsolutePath());
    }
  }

  private static String report(String url, int messages, int pyMessages, int prefetch, int rounds, String pyVersion,
      String loadBefore, String loadAfter, Measurement kPub, Measurement rPub, Measurement pPub, Measurement kCon,
      Measurement rCon, Measurement pCon, List<String> roundLines) {
    StringBuilder md = new StringBuilder();
    md.append("AMQP benchmark, ").append(Instant.now()).append(", RabbitMQ at ").append(maskPassword(url))
        .append(", Java ").append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average ").append(loadBefore)
        .append(" before and ").append(loadAfter).append(" after; ").append(messages).append(" messages per run (Python: ")
        .append(pyMessages).append("), prefetch ").append(prefetch).append(", medians of ").append(rounds)
        .append(" interleaved rounds after a warm-up\n\n");
    md.append("| | Kombu-Java | raw amqp-client | Kombu-Java / raw (target) | Python ").append(pyVersion)
        .append(" | Kombu-Java / Python |\n|---|---|---|---|---|---|\n");
    rate(md, "persistent publish (msg/s)", kPub, rPub, pPub, 0.9);
    cpu(md, "publish CPU, publishing thread (µs/msg)", kPub.threadCpuNanosPerMessage(),
        rPub.threadCpuNanosPerMessage(), pPub.threadCpuNanosPerMessage());
    cpu(md, "publish CPU, whole process (µs/msg)", kPub.processCpuNanosPerMessage(),
        rPub.processCpuNanosPerMessage(), pPub.processCpuNanosPerMessage());
    rate(md, "consume + ack, prefetch " + prefetch + " (msg/s)", kCon, rCon, pCon, 0.9);
    cpu(md, "consume CPU, all Java threads (µs/msg)", kCon.threadCpuNanosPerMessage(),
        rCon.threadCpuNanosPerMessage(), pCon.threadCpuNanosPerMessage());
    cpu(md, "consume CPU, whole process (µs/msg)", kCon.processCpuNanosPerMessage(),
        rCon.processCpuNanosPerMessage(), pCon.processCpuNanosPerMessage());
    md.append("\nPython's CPU is its whole process (time.process_time) in both CPU rows.\n\nRounds (msg/s):\n\n");
    for (String line : roundLines) {
      md.append("* ").append(line).append('\n');
    }
    return md.toString();
  }

  private static void rate(StringBuilder md, String name, Measurement k, Measurement r, Measurement p, double target) {
    double ratio = k.perSecond() / r.perSecond();
    md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f (≥ %.1f: %s) | %.0f | %.2f |%n", name,
        k.perSecond(), r.perSecond(), ratio, target, ratio >= target ? "met" : "NOT met", p.perSecond(),
        k.perSecond() / p.perSecond()));
  }

  private static void cpu(StringBuilder md, String name, double kNanos, double rNanos, double pNanos) {
    double ratio = kNanos / rNanos;
    md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f (≤ 1.5: %s) | %.1f | %.2f |%n", name,
        kNanos / 1e3, rNanos / 1e3, ratio, ratio <= 1.5 ? "met" : "NOT met", pNanos / 1e3, kNanos / pNanos));
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
