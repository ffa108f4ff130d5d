package io.kombu.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kombu.ConfigurationException;
import io.kombu.EncodeException;
import io.kombu.cli.ExitCodes;
import io.kombu.core.BrokerUrls;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kombu bench}: publish throughput, consume+ack throughput, round-trip latency and CPU per message through
 * Kombu-Java, optionally beside the same work through the raw driver ({@code --compare-raw}), as a table or JSON.
 *
 * <p>Thread-safety: a command object is used for one run on one thread.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure publish and consume+ack throughput, round-trip latency p50/p99 and CPU per message;"
        + " with --compare-raw also the same work through the raw driver, and the ratios.")
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "Broker URL.")
  String url;

  @Option(names = {"-n", "--messages"}, defaultValue = "10000", paramLabel = "N", description = "Measured messages (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--size", defaultValue = "100", paramLabel = "BYTES",
      description = "Length of the body's data string (default: ${DEFAULT-VALUE}).")
  int sizeBytes;

  @Option(names = "--serializer", defaultValue = "json", paramLabel = "S", description = "Kombu serializer (default: ${DEFAULT-VALUE}).")
  String serializer;

  @Option(names = "--prefetch", defaultValue = "100", paramLabel = "N", description = "Consumer prefetch count (default: ${DEFAULT-VALUE}).")
  int prefetch;

  @Option(names = "--batch", defaultValue = "0", paramLabel = "N",
      description = "Publish this many, consume them, repeat (default: all messages in one batch).")
  int batch;

  @Option(names = "--warmup", defaultValue = "2000", paramLabel = "N", description = "Unmeasured messages first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--latency-samples", defaultValue = "1000", paramLabel = "N",
      description = "Round trips timed one by one (default: ${DEFAULT-VALUE}).")
  int latencySamples;

  @Option(names = "--wait", defaultValue = "10", paramLabel = "SECONDS",
      description = "Longest wait for one message before the run fails (default: ${DEFAULT-VALUE}).")
  double waitSeconds;

  @Option(names = "--compare-raw", description = "Also run the same work with the raw driver and print ratios.")
  boolean compareRaw;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    BenchSettings settings = settings();
    String queue = "kombu.bench." + UUID.randomUUID().toString().substring(0, 8);
    List<BenchResult> results = new ArrayList<>();
    try (BenchWorkload kombu = new KombuWorkload(url, queue, settings)) {
      results.add(BenchRunner.run(kombu, settings));
    }
    if (compareRaw) {
      try (BenchWorkload raw = RawWorkloads.create(url, queue + ".raw", settings)) {
        results.add(BenchRunner.run(raw, settings));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(settings, results));
    } else {
      printTable(out, settings, results);
    }
    return ExitCodes.OK;
  }

  private BenchSettings settings() {
    requirePositive("--messages", messages);
    requirePositive("--prefetch", prefetch);
    requirePositive("--latency-samples", latencySamples);
    if (sizeBytes < 0 || warmup < 0 || batch < 0 || waitSeconds <= 0) {
      throw new ConfigurationException("--size, --warmup and --batch must be 0 or more and --wait more than 0");
    }
    int batchSize = batch == 0 ? Math.max(messages, warmup) : batch;
    return new BenchSettings(messages, sizeBytes, serializer, prefetch, batchSize, warmup, latencySamples,
        Duration.ofMillis((long) (waitSeconds * 1000)));
  }

  private static void requirePositive(String option, int value) {
    if (value < 1) {
      throw new ConfigurationException(option + " must be at least 1, was " + value);
    }
  }

  private void printTable(PrintWriter out, BenchSettings s, List<BenchResult> results) {
    out.printf("kombu bench on %s: %d messages, data %d bytes (%s), prefetch %d, batch %d, warm-up %d, %d latency samples%n",
        BrokerUrls.mask(url), s.messages(), s.sizeBytes(), s.serializer(), s.prefetch(), s.batch(), s.warmup(),
        s.latencySamples());
    out.printf("%-26s %14s %18s %10s %10s %11s%n", "workload", "publish msg/s", "consume+ack msg/s", "p50 us", "p99 us",
        "CPU us/msg");
    for (BenchResult r : results) {
      out.printf("%-26s %,14.0f %,18.0f %,10.1f %,10.1f %,11.2f%n", r.name(), r.publishPerSecond(), r.consumePerSecond(),
          r.latencyP50Micros(), r.latencyP99Micros(), r.cpuMicrosPerMessage());
    }
    if (results.size() == 2) {
      Map<String, Double> ratios = ratios(results.get(0), results.get(1));
      out.printf("%-26s %14.2f %18.2f %10.2f %10.2f %11.2f%n", "kombu / raw", ratios.get("publish"),
          ratios.get("consume"), ratios.get("latency_p50"), ratios.get("latency_p99"), ratios.get("cpu"));
      out.println("(throughput ratios below 1 and latency/CPU ratios above 1 are Kombu's cost over the raw driver)");
    }
  }

  /** @return kombu's number divided by raw's, per metric */
  static Map<String, Double> ratios(BenchResult kombu, BenchResult raw) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    ratios.put("publish", kombu.publishPerSecond() / raw.publishPerSecond());
    ratios.put("consume", kombu.consumePerSecond() / raw.consumePerSecond());
    ratios.put("latency_p50", kombu.latencyP50Micros() / raw.latencyP50Micros());
    ratios.put("latency_p99", kombu.latencyP99Micros() / raw.latencyP99Micros());
    ratios.put("cpu", kombu.cpuMicrosPerMessage() / raw.cpuMicrosPerMessage());
    return ratios;
  }

  private String toJson(BenchSettings s, List<BenchResult> results) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("implementation", "kombu-java");
    root.put("url", BrokerUrls.mask(url));
    root.put("transport", RawWorkloads.schemeOf(url));
    Map<String, Object> settingsMap = new LinkedHashMap<>();
    settingsMap.put("messages", s.messages());
    settingsMap.put("size_bytes", s.sizeBytes());
    settingsMap.put("serializer", s.serializer());
    settingsMap.put("prefetch", s.prefetch());
    settingsMap.put("batch", s.batch());
    settingsMap.put("warmup", s.warmup());
    settingsMap.put("latency_samples", s.latencySamples());
    root.put("settings", settingsMap);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BenchResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", r.name());
      row.put("publish_per_second", r.publishPerSecond());
      row.put("consume_per_second", r.consumePerSecond());
      row.put("latency_p50_us", r.latencyP50Micros());
      row.put("latency_p99_us", r.latencyP99Micros());
      row.put("cpu_us_per_message", r.cpuMicrosPerMessage());
      rows.add(row);
    }
    root.put("results", rows);
    if (results.size() == 2) {
      root.put("ratios", ratios(results.get(0), results.get(1)));
    }
    try {
      return BenchPayload.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new EncodeException("cannot write the benchmark result as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
