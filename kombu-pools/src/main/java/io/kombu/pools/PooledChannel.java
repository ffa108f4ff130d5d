package io.kombu.pools;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Declarable;
import io.kombu.Exchange;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.Queue;
import io.kombu.QueueDeclareResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A channel on loan from a {@link ChannelPool}: every method goes to the pooled channel, while {@link #close()} gives it
 * back to the pool, so try-with-resources returns it. After that every other method throws {@link
 * IllegalStateException}. Use {@link ChannelPool#use} to have a channel whose work threw replaced rather than reused.
 *
 * <p>Thread-safety: not thread-safe, like every channel: one thread uses a loan at a time. {@link #close()} may be called
 * from any thread, and a second call does nothing.
 */
public final class PooledChannel extends Loan<Channel> implements Channel {
  private final ChannelPool pool;

  PooledChannel(ChannelPool pool, Channel delegate) {
    super(delegate, "channel", "close()");
    this.pool = pool;
  }

  /** @return the pool it came from */
  @Override
  public ChannelPool pool() {
    return pool;
  }

  @Override
  public int channelId() {
    return resource().channelId();
  }

  @Override
  public boolean isOpen() {
    return !isReleased() && resource().isOpen();
  }

  @Override
  public Connection connection() {
    return resource().connection();
  }

  @Override
  public void declare(Exchange exchange) {
    live().declare(exchange);
  }

  @Override
  public QueueDeclareResult declare(Queue queue) {
    return live().declare(queue);
  }

  @Override
  public boolean maybeDeclare(Declarable entity) {
    return live().maybeDeclare(entity);
  }

  @Override
  public QueueDeclareResult queueDeclarePassive(String queueName) {
    return live().queueDeclarePassive(queueName);
  }

  @Override
  public void exchangeDelete(String name, boolean ifUnused) {
    live().exchangeDelete(name, ifUnused);
  }

  @Override
  public void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    live().exchangeBind(destination, source, routingKey, arguments);
  }

  @Override
  public void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments) {
    live().exchangeUnbind(destination, source, routingKey, arguments);
  }

  @Override
  public void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    live().queueBind(queue, exchange, routingKey, arguments);
  }

  @Override
  public void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments) {
    live().queueUnbind(queue, exchange, routingKey, arguments);
  }

  @Override
  public long queuePurge(String queue) {
    return live().queuePurge(queue);
  }

  @Override
  public long queueDelete(String queue, boolean ifUnused, boolean ifEmpty) {
    return live().queueDelete(queue, ifUnused, ifEmpty);
  }

  @Override
  public Optional<Message> get(String queue) {
    return live().get(queue);
  }

  @Override
  public Optional<Message> get(String queue, boolean noAck, @Nullable List<String> accept) {
    return live().get(queue, noAck, accept);
  }

  @Override
  public void qos(int prefetchSize, int prefetchCount, boolean global) {
    live().qos(prefetchSize, prefetchCount, global);
  }

  @Override
  public void recover(boolean requeue) {
    live().recover(requeue);
  }

  @Override
  public void flow(boolean active) {
    live().flow(active);
  }

  @Override
  public Producer producer() {
    return live().producer();
  }

  @Override
  public Producer producer(ProducerOptions options) {
    return live().producer(options);
  }

  @Override
  public Consumer consumer(ConsumerOptions options) {
    return live().consumer(options);
  }

  /** Returns the channel to its pool, open. A second call does nothing. */
  @Override
  public void close() {
    pool.returnLoan(this);
  }

  @Override
  public String toString() {
    return "PooledChannel(" + resource().channelId() + (isReleased() ? ", returned" : "") + ")";
  }
}
