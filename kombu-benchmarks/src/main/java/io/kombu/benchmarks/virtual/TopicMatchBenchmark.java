package io.kombu.benchmarks.virtual;

import io.kombu.ExchangeType;
import io.kombu.core.virtual.BindingRow;
import io.kombu.core.virtual.ExchangeRouting;
import io.kombu.core.virtual.TopicPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Topic routing: compiling a binding key to Kombu's pattern text, and looking up a routing key in a 100-row table.
 *
 * <p>Thread-safety: JMH gives each thread its own state.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TopicMatchBenchmark {
  private final List<BindingRow> table = new ArrayList<>();

  /** Builds a table of 100 topic bindings. */
  @Setup
  public void setUp() {
    for (int i = 0; i < 100; i++) {
      table.add(ExchangeRouting.prepareBind(ExchangeType.TOPIC, "q" + i, "stock." + i + ".#", Map.of()));
    }
  }

  /** @return the pattern text */
  @Benchmark
  public String keyToPattern() {
    return TopicPattern.keyToPattern("stock.us.*.nasdaq.#");
  }

  /** @return matching queues */
  @Benchmark
  public Set<String> lookup100Rows() {
    return ExchangeRouting.lookup(ExchangeType.TOPIC, table, "stock.42.us.nasdaq", Map.of());
  }
}
