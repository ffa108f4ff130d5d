package io.kombu.pools;

import io.kombu.ConnectionException;
import io.kombu.Exchange;
import io.kombu.QueueDeclareResult;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.CancelCallback;
import io.kombu.spi.Delivery;
import io.kombu.spi.DeliveryCallback;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.ReturnCallback;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import io.kombu.spi.TransportProvider;
import io.kombu.transport.memory.MemoryTransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The memory transport, except that the next N publishes drop the broker connection, as a lost TCP connection would. */
final class FlakyTransportProvider implements TransportProvider {
  private final MemoryTransportProvider memory = new MemoryTransportProvider();
  final AtomicInteger failingPublishes = new AtomicInteger();
  final AtomicInteger connects = new AtomicInteger();

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> schemes() {
    return memory.schemes();
  }

  @Override
  public TransportCapabilities capabilities() {
    return memory.capabilities();
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    Transport real = memory.create(url, options);
    return new Transport() {
      @Override
      public TransportConnection connect() {
        connects.incrementAndGet();
        return new FlakyConnection(real.connect());
      }

      @Override
      public TransportCapabilities capabilities() {
        return real.capabilities();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }

  private final class FlakyConnection implements TransportConnection {
    private final TransportConnection real;
    private volatile boolean dropped;

    FlakyConnection(TransportConnection real) {
      this.real = real;
    }

    @Override
    public TransportChannel openChannel() {
      return new FlakyChannel(this, real.openChannel());
    }

    @Override
    public void drainEvents(@Nullable Duration timeout) {
      real.drainEvents(timeout);
    }

    @Override
    public boolean isOpen() {
      return !dropped && real.isOpen();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  private final class FlakyChannel implements TransportChannel {
    private final FlakyConnection connection;
    private final TransportChannel real;

    FlakyChannel(FlakyConnection connection, TransportChannel real) {
      this.connection = connection;
      this.real = real;
    }

    @Override
    public void basicPublish(OutboundMessage message, String exchange, String routingKey, boolean mandatory,
        @Nullable Duration confirmTimeout) {
      if (failingPublishes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        connection.dropped = true;
        throw new ConnectionException("connection reset by peer (simulated)");
      }
      real.basicPublish(message, exchange, routingKey, mandatory, confirmTimeout);
    }

    @Override
    public int channelId() {
      return real.channelId();
    }

    @Override
    public boolean isOpen() {
      return connection.isOpen() && real.isOpen();
    }

    @Override
    public void exchangeDeclare(Exchange exchange) {
      real.exchangeDeclare(exchange);
    }

    @Override
    public void exchangeDelete(String exchange, boolean ifUnused) {
      real.exchangeDelete(exchange, ifUnused);
    }

    @Override
    public void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments) {
      real.exchangeBind(destination, source, routingKey, arguments);
    }

    @Override
    public void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments) {
      real.exchangeUnbind(destination, source, routingKey, arguments);
    }

    @Override
    public QueueDeclareResult queueDeclare(String queue, boolean passive, boolean durable, boolean exclusive,
        boolean autoDelete, Map<String, Object> arguments) {
      return real.queueDeclare(queue, passive, durable, exclusive, autoDelete, arguments);
    }

    @Override
    public void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
      real.queueBind(queue, exchange, routingKey, arguments);
    }

    @Override
    public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
      real.queueUnbind(queue, exchange, routingKey, arguments);
    }

    @Override
    public long queuePurge(String queue) {
      return real.queuePurge(queue);
    }

    @Override
    public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
      return real.queueDelete(queue, ifUnused, ifEmpty);
    }

    @Override
    public Optional<Delivery> basicGet(String queue, boolean noAck) {
      return real.basicGet(queue, noAck);
    }

    @Override
    public void basicConsume(String queue, boolean noAck, String consumerTag, Map<String, Object> arguments,
        DeliveryCallback callback, @Nullable CancelCallback onCancel) {
      real.basicConsume(queue, noAck, consumerTag, arguments, callback, onCancel);
    }

    @Override
    public void basicCancel(String consumerTag) {
      real.basicCancel(consumerTag);
    }

    @Override
    public void basicAck(long deliveryTag, boolean multiple) {
      real.basicAck(deliveryTag, multiple);
    }

    @Override
    public void basicReject(long deliveryTag, boolean requeue) {
      real.basicReject(deliveryTag, requeue);
    }

    @Override
    public void basicQos(int prefetchSize, int prefetchCount, boolean global) {
      real.basicQos(prefetchSize, prefetchCount, global);
    }

    @Override
    public void basicRecover(boolean requeue) {
      real.basicRecover(requeue);
    }

    @Override
    public void flow(boolean active) {
      real.flow(active);
    }

    @Override
    public void setReturnCallback(@Nullable ReturnCallback listener) {
      real.setReturnCallback(listener);
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
