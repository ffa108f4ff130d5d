package io.kombu.benchmarks.redis;

import io.kombu.benchmarks.BenchmarkProgram;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Kombu-Java's Redis transport against raw Jedis doing Kombu's commands and against Python Kombu 5.2.4, on one local
 * Redis database that it flushes (14 by default; database 0 is refused). Every scenario runs once per round, rounds
 * interleaved, and the best round is reported (the benchmark machine may be shared). Writes a Markdown table to {@code --out} and logs
 * each line.
 *
 * <pre>
 * java -cp kombu-benchmarks/target/benchmarks.jar io.kombu.benchmarks.redis.RedisBenchmark \
 *     [--url=redis://127.0.0.1:6379/14] [--messages=20000] [--python-messages=3000] [--round-trips=2000] \
 *     [--python=/usr/bin/python3] [--script=kombu-benchmarks/src/main/python/redis/redis_bench.py] \
 *     [--rounds=3] [--out=redis-benchmark.md]
 * </pre>
 *
 * <p>Thread-safety: a program entry point; not meant to be shared.
 */
public final class RedisBenchmark {
  private static final Logger log = LoggerFactory.getLogger(RedisBenchmark.class);
  private static final int BATCH = 100;
  private static final int PREFETCH = 100;

  private RedisBenchmark() {}

  /**
   * @param args {@code --name=value} options, see the class comment
   * @throws Exception when Redis or Python cannot be reached, or the output cannot be written
   */
  public static void main(String[] args) throws Exception {
    BenchmarkProgram opts = BenchmarkProgram.parse(args);
    String url = opts.option("url", "redis://127.0.0.1:6379/14");
    int messages = opts.intOption("messages", 20000);
    int pyMessages = opts.intOption("python-messages", 3000);
    int roundTrips = opts.intOption("round-trips", 2000);
    int rounds = opts.intOption("rounds", 3);
    PythonKombuBench python = new PythonKombuBench(opts.option("python", "/usr/bin/python3"),
        opts.pathOption("script", "kombu-benchmarks/src/main/python/redis/redis_bench.py"));
    Path out = opts.pathOption("out", "redis-benchmark.md");

    Map<String, Object> body = BenchmarkProgram.orderBody();
    byte[] json = RawJedisBench.utf8(
        "{\"id\": 123456, \"event\": \"order.created\", \"customer\": \"c-0042\", \"amount\": 99.95, "
            + "\"items\": [\"sku-1\", \"sku-2\", \"sku-3\"]}");

    try (JedisPooled jedis = client(url)) {
      RawJedisBench raw = new RawJedisBench(jedis, json);
      KombuRedisBench kombu = new KombuRedisBench(url, body);

      log.info("warming up ({} messages per scenario)", messages / 4);
      jedis.flushDB();
      kombu.singlePublish("warm.single", messages / 4);
      kombu.batchPublish("warm.batch", messages / 4, BATCH);
      kombu.consumeAck("warm.consume", messages / 4, PREFETCH);
      kombu.roundTrips("warm.rt", roundTrips / 4);
      raw.singlePublish("warm.raw", messages / 4);
      raw.consumeAck("warm.raw", messages / 4);
      raw.roundTrips("warm.raw.rt", roundTrips / 4, true);

      // The machine may be shared: each scenario runs once per round, interleaved, and the best round counts.
      double kSingle = 0, rSingle = 0, kBatch = 0, rBatch = 0, kConsume = 0, rConsume = 0;
      double kRt = Double.MAX_VALUE, rRtMin = Double.MAX_VALUE, rRtAck = Double.MAX_VALUE;
      double pySingle = 0, pyConsume = 0;
      String pyVersion = "";
      for (int round = 1; round <= rounds; round++) {
        log.info("round {} of {}", round, rounds);
        jedis.flushDB();
        kSingle = Math.max(kSingle, kombu.singlePublish("k.single", messages));
        rSingle = Math.max(rSingle, raw.singlePublish("r.single", messages));
        jedis.flushDB();
        kBatch = Math.max(kBatch, kombu.batchPublish("k.batch", messages, BATCH));
        rBatch = Math.max(rBatch, raw.pipelinedPublish("r.batch", messages, BATCH));
        jedis.flushDB();
        kConsume = Math.max(kConsume, kombu.consumeAck("k.consume", messages, PREFETCH));
        raw.pipelinedPublish("r.consume", messages, BATCH);
        rConsume = Math.max(rConsume, raw.consumeAck("r.consume", messages));
        jedis.flushDB();
        kRt = Math.min(kRt, median(kombu.roundTrips("k.rt", roundTrips)));
        rRtMin = Math.min(rRtMin, median(raw.roundTrips("r.rt", roundTrips, false)));
        rRtAck = Math.min(rRtAck, median(raw.roundTrips("r.rt.ack", roundTrips, true)));
        jedis.flushDB();
        PythonKombuBench.Result py = python.run(url, pyMessages);
        pySingle = Math.max(pySingle, py.singlePublishPerSecond());
        pyConsume = Math.max(pyConsume, py.consumeAckPerSecond());
        pyVersion = py.kombuVersion();
        jedis.flushDB();
      }

      StringBuilder md = new StringBuilder();
      md.append("Redis benchmark, ").append(Instant.now()).append(", ").append(url).append(", Java ")
          .append(System.getProperty("java.version")).append(", ").append(Runtime.getRuntime().availableProcessors())
          .append(" CPUs, ").append(messages).append(" messages (Python: ").append(pyMessages).append("), ")
          .append(roundTrips).append(" round trips, best of ").append(rounds).append(" rounds\n\n");
      md.append("| Scenario | Kombu-Java | raw Jedis (Kombu's commands) | Python Kombu ").append(pyVersion)
          .append(" | Kombu-Java vs target |\n|---|---|---|---|---|\n");
      row(md, "single publish (msg/s)", kSingle, rSingle, pySingle,
          ratio(kSingle / pySingle, ">= 2.5x Python", kSingle / pySingle >= 2.5));
      row(md, "batch publish, 100 per call (msg/s); Python: single", kBatch, rBatch, pySingle,
          ratio(kBatch / pySingle, ">= 30x Python", kBatch / pySingle >= 30));
      row(md, "consume + ack, prefetch 100 (msg/s)", kConsume, rConsume, pyConsume,
          ratio(kConsume / pyConsume, ">= 10x Python", kConsume / pyConsume >= 10));
      // The target compares with raw Jedis issuing Kombu's commands (LPUSH, BRPOP, HSET+ZADD, ZREM+HDEL); the bare
      // LPUSH+BRPOP floor is shown too.
      md.append(String.format(Locale.ROOT,
          "| round trip p50 (us): publish, receive one, ack | %.0f | %.0f (Kombu's commands); %.0f (LPUSH+BRPOP only) "
              + "| - | %s; %.2fx bare LPUSH+BRPOP |%n", kRt / 1e3, rRtAck / 1e3, rRtMin / 1e3,
          ratio(kRt / rRtAck, "<= 1.2x raw", kRt / rRtAck <= 1.2), kRt / rRtMin));
      String report = md.toString();
      BenchmarkProgram.writeReport(log, report, out);
    }
  }

  private static void row(StringBuilder md, String name, double kombu, double raw, double python, String verdict) {
    md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %s |%n", name, kombu, raw, python, verdict));
  }

  private static String ratio(double r, String target, boolean met) {
    return String.format(Locale.ROOT, "%.2fx (target %s: %s)", r, target, met ? "met" : "NOT met");
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static JedisPooled client(String url) throws IOException {
    URI uri = URI.create(url);
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    int db = path.isEmpty() ? 0 : Integer.parseInt(path);
    if (db == 0) {
      throw new IOException("the benchmark flushes its database and refuses database 0; use e.g. "
          + "redis://127.0.0.1:6379/14");
    }
    return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
        DefaultJedisClientConfig.builder().database(db).build());
  }
}
