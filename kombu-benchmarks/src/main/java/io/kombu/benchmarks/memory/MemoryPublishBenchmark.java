package io.kombu.benchmarks.memory;

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

/**
 * Publish throughput on memory://: serialize a ~100-byte map as JSON, build the message and route it to one queue. The
 * queue is purged after every batch (outside the measured loop's per-message cost, but inside the invocation) so memory
 * stays flat.
 *
 * <p>Thread-safety: JMH gives each thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MemoryPublishBenchmark {
  private MemoryBenchmarkState state;

  /** Opens the connection and declares the queue. */
  @Setup(Level.Trial)
  public void setUp() {
    state = new MemoryBenchmarkState();
  }

  /** Deletes the queue and closes the connection. */
  @TearDown(Level.Trial)
  public void tearDown() {
    state.close();
  }

  /** Publishes a batch, then purges the queue. */
  @Benchmark
  @OperationsPerInvocation(MemoryBenchmarkState.BATCH)
  public long publish() {
    state.publishBatch();
    return state.connection.defaultChannel().queuePurge(state.queue.name());
  }
}
