package io.kombu.benchmarks.pools;

import io.kombu.Connection;
import io.kombu.core.Kombu;
import io.kombu.pools.ChannelPool;
import io.kombu.pools.ConnectionPool;
import io.kombu.pools.PooledChannel;
import io.kombu.pools.PooledConnection;
import io.kombu.pools.PooledProducer;
import io.kombu.pools.ProducerPool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Acquire and release on pools limited to 8 over {@code memory://}, so that only the pool is measured: no broker I/O
 * happens (connections connect lazily and are never used; channels are opened once and then reused). With 32 threads, 24
 * of them wait at any moment, so the 32-thread numbers include the hand-off between threads. Run it without {@code -t},
 * which would override the thread counts: {@code java -jar benchmarks.jar Pool -f 1 -wi 3 -i 5}.
 *
 * <p>Thread-safety: one shared state; the pools are thread-safe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PoolAcquireReleaseBenchmark {
  private static final int LIMIT = 8;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Connection template;
  private Connection channelOwner;
  private ConnectionPool connections;
  private ProducerPool producers;
  private ChannelPool channels;

  /** Builds the pools. */
  @Setup(Level.Trial)
  public void setUp() {
    template = Kombu.connect("memory://");
    channelOwner = template.clone();
    connections = new ConnectionPool(template, LIMIT);
    producers = new ProducerPool(new ConnectionPool(template, LIMIT), LIMIT);
    channels = new ChannelPool(channelOwner, LIMIT);
  }

  /** Closes the pools. */
  @TearDown(Level.Trial)
  public void tearDown() {
    producers.close();
    producers.connections().close();
    connections.close();
    channels.close();
    channelOwner.close();
    template.close();
  }

  /** @param bh keeps the loan alive */
  @Benchmark
  @Threads(1)
  public void connection1Thread(Blackhole bh) {
    try (PooledConnection c = connections.acquire(WAIT)) {
      bh.consume(c);
    }
  }

  /** @param bh keeps the loan alive */
  @Benchmark
  @Threads(32)
  public void connection32Threads(Blackhole bh) {
    try (PooledConnection c = connections.acquire(WAIT)) {
      bh.consume(c);
    }
  }

  /** @param bh keeps the loan alive */
  @Benchmark
  @Threads(1)
  public void producer1Thread(Blackhole bh) {
    try (PooledProducer p = producers.acquire(WAIT)) {
      bh.consume(p);
    }
  }

  /** @param bh keeps the loan alive */
  @Benchmark
  @Threads(32)
  public void producer32Threads(Blackhole bh) {
    try (PooledProducer p = producers.acquire(WAIT)) {
      bh.consume(p);
    }
  }

  /** @param bh keeps the loan alive */
  @Benchmark
  @Threads(32)
  public void channel32Threads(Blackhole bh) {
    try (PooledChannel c = channels.acquire(WAIT)) {
      bh.consume(c);
    }
  }
}
