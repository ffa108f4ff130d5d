package io.kombu.benchmarks.memory;

import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Consume-and-ack throughput on memory://: each invocation drains a prefilled batch (the prefill is not measured), decoding
 * every JSON body and acking it.
 *
 * <p>Thread-safety: JMH gives each thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MemoryConsumeBenchmark {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

  private MemoryBenchmarkState state;
  private Consumer consumer;
  private Blackhole sink;
  private int received;

  /** Opens the connection, declares the queue and starts a consumer that acks every message. */
  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    state = new MemoryBenchmarkState();
    sink = blackhole;
    consumer = state.connection.consumer(ConsumerOptions.builder(state.queue).handler((body, message) -> {
      sink.consume(body);
      message.ack();
      received++;
    }).build());
  }

  /** Fills the queue with one batch before each invocation. */
  @Setup(Level.Invocation)
  public void fill() {
    state.publishBatch();
  }

  /** Cancels the consumer, deletes the queue and closes the connection. */
  @TearDown(Level.Trial)
  public void tearDown() {
    consumer.close();
    state.close();
  }

  /** Drains and acks one batch. */
  @Benchmark
  @OperationsPerInvocation(MemoryBenchmarkState.BATCH)
  public int consumeAndAck() {
    received = 0;
    while (received < MemoryBenchmarkState.BATCH) {
      state.connection.drainEvents(DRAIN_TIMEOUT);
    }
    return received;
  }
}
