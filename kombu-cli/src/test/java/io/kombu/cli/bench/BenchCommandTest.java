package io.kombu.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.ConfigurationException;
import io.kombu.cli.KombuCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("kombu bench")
class BenchCommandTest {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = KombuCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(status), out.toString(), err.toString()};
  }

  @Test
  @DisplayName("--compare-raw --json on memory:// reports both workloads and their ratios")
  void jsonWithRawComparison() throws Exception {
    String[] run = run("bench", "memory://", "--messages", "300", "--warmup", "50", "--latency-samples", "20",
        "--batch", "100", "--compare-raw", "--json");

    assertThat(run[0]).as(run[2]).isEqualTo("0");
    JsonNode root = new ObjectMapper().readTree(run[1]);
    assertThat(root.get("transport").asText()).isEqualTo("memory");
    assertThat(root.get("settings").get("batch").asInt()).isEqualTo(100);
    assertThat(root.get("results")).hasSize(2);
    assertThat(root.get("results").get(0).get("name").asText()).isEqualTo("kombu");
    assertThat(root.get("results").get(1).get("name").asText()).isEqualTo("raw java.util.concurrent");
    for (JsonNode result : root.get("results")) {
      assertThat(result.get("publish_per_second").asDouble()).isPositive();
      assertThat(result.get("consume_per_second").asDouble()).isPositive();
      assertThat(result.get("latency_p50_us").asDouble()).isPositive();
      assertThat(result.get("latency_p99_us").asDouble()).isGreaterThanOrEqualTo(result.get("latency_p50_us").asDouble());
    }
    double kombuPublish = root.get("results").get(0).get("publish_per_second").asDouble();
    double rawPublish = root.get("results").get(1).get("publish_per_second").asDouble();
    assertThat(root.get("ratios").get("publish").asDouble()).isCloseTo(kombuPublish / rawPublish,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  @DisplayName("the table names the URL without its password and one row per workload")
  void table() {
    String[] run = run("bench", "memory://", "-n", "100", "--warmup", "0", "--latency-samples", "5");

    assertThat(run[0]).as(run[2]).isEqualTo("0");
    assertThat(run[1]).contains("kombu bench on memory://").contains("publish msg/s").contains("\nkombu ")
        .doesNotContain("kombu / raw");
  }

  @Test
  @DisplayName("nothing left behind: the queue the bench used is deleted")
  void benchQueueDeleted() {
    String[] before = run("bench", "memory://", "-n", "50", "--warmup", "0", "--latency-samples", "5", "--json");
    assertThat(before[0]).as(before[2]).isEqualTo("0");

    BenchSettings settings = new BenchSettings(10, 10, "json", 10, 10, 0, 1, Duration.ofSeconds(5));
    try (KombuWorkload workload = new KombuWorkload("memory://", "kombu.bench.test-deleted", settings)) {
      workload.publish(1);
      workload.consume(1);
    }
    String[] after = run("queue", "memory://", "kombu.bench.test-deleted");
    assertThat(after[0]).isEqualTo("1");
  }

  @Test
  @DisplayName("a raw comparison for a scheme without a raw workload is refused with a clear message")
  void unknownRawScheme() {
    BenchSettings settings = new BenchSettings(1, 1, "json", 1, 1, 0, 1, Duration.ofSeconds(1));

    assertThatThrownBy(() -> RawWorkloads.create("sqs://key:verysecret@", "q", settings))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no raw driver workload for scheme \"sqs\"")
        .hasMessageNotContaining("verysecret");
  }

  @Test
  @DisplayName("invalid numbers are refused before anything connects")
  void invalidNumbers() {
    String[] run = run("bench", "memory://", "--messages", "0");

    assertThat(run[0]).isEqualTo("1");
    assertThat(run[2]).startsWith("kombu: error: --messages must be at least 1");
  }

  @Test
  @DisplayName("percentiles use the nearest rank")
  void percentiles() {
    long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

    assertThat(BenchRunner.percentile(sorted, 0.50)).isEqualTo(50);
    assertThat(BenchRunner.percentile(sorted, 0.99)).isEqualTo(100);
    assertThat(BenchRunner.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    assertThat(BenchRunner.percentile(new long[0], 0.5)).isZero();
  }

  @Test
  @DisplayName("the runner publishes and consumes every measured message in batches, plus warm-up and samples")
  void runnerCountsEveryMessage() {
    BenchSettings settings = new BenchSettings(25, 3, "json", 5, 10, 7, 4, Duration.ofSeconds(1));
    CountingWorkload workload = new CountingWorkload();

    BenchResult result = BenchRunner.run(workload, settings);

    assertThat(workload.published).isEqualTo(7 + 25 + 4);
    assertThat(workload.consumed).isEqualTo(7 + 25 + 4);
    assertThat(workload.maxBacklog).as("batches of 10 keep the queue short").isEqualTo(10);
    assertThat(result.messages()).isEqualTo(25);
  }

  /** Counts calls; the queue is a counter. */
  private static final class CountingWorkload implements BenchWorkload {
    int published;
    int consumed;
    int maxBacklog;

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public void publish(int sequence) {
      published++;
      maxBacklog = Math.max(maxBacklog, published - consumed);
    }

    @Override
    public void consume(int count) {
      assertThat(published - consumed).isGreaterThanOrEqualTo(count);
      consumed += count;
    }

    @Override
    public void close() {}
  }
}
