package io.kombu.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * What the broker benchmark programs ({@code AmqpBenchmark}, {@code RedisBenchmark}) share: their {@code --name=value}
 * options, the order body they publish, and a Markdown report that is both logged and written to a file.
 *
 * <p>Thread-safety: immutable once parsed, so thread-safe.
 */
public final class BenchmarkProgram {
  private final Map<String, String> options;

  private BenchmarkProgram(Map<String, String> options) {
    this.options = options;
  }

  /**
   * @param args the program's arguments, each {@code --name=value}
   * @return the options they set
   * @throws IllegalArgumentException for an argument of another form
   */
  public static BenchmarkProgram parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("unknown argument '" + a + "': use --name=value (see the class javadoc)");
      }
      options.put(a.substring(2, eq), a.substring(eq + 1));
    }
    return new BenchmarkProgram(options);
  }

  /** @return the option's value, or the default when it was not given */
  public String option(String name, String defaultValue) {
    return options.getOrDefault(name, defaultValue);
  }

  /** @return the option as a number, or the default when it was not given */
  public int intOption(String name, int defaultValue) {
    String value = options.get(name);
    return value == null ? defaultValue : Integer.parseInt(value);
  }

  /** @return the option as a path, or the default when it was not given */
  public Path pathOption(String name, String defaultValue) {
    return Path.of(option(name, defaultValue));
  }

  /** @return a new copy of the order event every broker benchmark publishes (Python's scripts send the same) */
  public static Map<String, Object> orderBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", 123456);
    body.put("event", "order.created");
    body.put("customer", "c-0042");
    body.put("amount", 99.95);
    body.put("items", List.of("sku-1", "sku-2", "sku-3"));
    return body;
  }

  /**
   * Logs the report line by line, then writes it to {@code out}.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writeReport(Logger log, String report, Path out) throws IOException {
    for (String line : report.split("\n")) {
      log.info("{}", line);
    }
    Files.writeString(out, report, StandardCharsets.UTF_8);
    log.info("results written to {}", out.toAbsolutePath());
  }
}
