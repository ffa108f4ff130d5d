package io.kombu.benchmarks.virtual;

import io.kombu.Exchange;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import io.kombu.transport.memory.MemoryTransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * memory:// through the transport SPI, one thread: publish a 100-byte body to a direct exchange, take it back and ack it.
 *
 * <p>Thread-safety: JMH gives each thread its own state.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MemoryThroughputBenchmark {
  private Transport transport;
  private TransportConnection connection;
  private TransportChannel channel;
  private String exchange;
  private String queue;
  private final OutboundMessage message = new OutboundMessage(new byte[100], "application/json", "utf-8", Map.of(),
      Map.of("delivery_mode", 2, "priority", 0));
  private long consumed;

  /** Declares a private exchange and queue and starts a consumer that acks. */
  @Setup(Level.Trial)
  public void setUp() {
    transport = new MemoryTransportProvider().create(BrokerUrl.builder("memory").build(), TransportOptions.defaults());
    connection = transport.connect();
    channel = connection.openChannel();
    String id = UUID.randomUUID().toString();
    exchange = "bench-ex-" + id;
    queue = "bench-q-" + id;
    channel.exchangeDeclare(Exchange.direct(exchange).build());
    channel.queueDeclare(queue, false, true, false, false, Map.of());
    channel.queueBind(queue, exchange, "k", Map.of());
    channel.basicConsume(queue, false, "bench", Map.of(), d -> {
      consumed++;
      channel.basicAck(d.deliveryTag(), false);
    }, null);
  }

  /** Closes the transport. */
  @TearDown(Level.Trial)
  public void tearDown() {
    transport.close();
  }

  /** @return messages consumed so far (keeps the work observable) */
  @Benchmark
  public long publishConsumeAck() {
    channel.basicPublish(message, exchange, "k", false, null);
    connection.drainEvents(Duration.ZERO);
    return consumed;
  }

  /** @return whether a message came back */
  @Benchmark
  public boolean publishGetAck() {
    channel.basicPublish(message, "", queue + "-get", false, null);
    return channel.basicGet(queue + "-get", false).map(d -> {
      channel.basicAck(d.deliveryTag(), false);
      return true;
    }).orElse(false);
  }
}
