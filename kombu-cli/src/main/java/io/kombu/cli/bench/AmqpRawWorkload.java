package io.kombu.cli.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.kombu.ConnectionException;
import io.kombu.KombuTimeoutException;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The raw counterpart of {@code amqp://}: amqp-client's {@code basicPublish} of a persistent JSON message to a durable
 * queue, and {@code basicConsume} with {@code basicQos(prefetch)}; deliveries are handed to the benchmark thread, which
 * decodes each body and {@code basicAck}s it, the same division of work as Kombu's consumer.
 *
 * <p>Thread-safety: not thread-safe; amqp-client's delivery thread only fills the hand-over queue.
 */
final class AmqpRawWorkload implements BenchWorkload {
  private final Connection connection;
  private final Channel channel;
  private final String queue;
  private final BenchPayload payload;
  private final BenchSettings settings;
  private final LinkedBlockingQueue<Delivered> deliveries = new LinkedBlockingQueue<>();
  private final AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
      .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(0).build();

  private record Delivered(long tag, byte[] body) {}

  AmqpRawWorkload(String url, String queue, BenchSettings settings) {
    this.queue = queue;
    this.settings = settings;
    this.payload = new BenchPayload(settings.sizeBytes());
    try {
      // Parsed by Kombu's rules ("//" is the vhost "/"), which amqp-client's own URI parser does not follow.
      BrokerUrl parsed = BrokerUrls.parseOne(url);
      ConnectionFactory factory = new ConnectionFactory();
      factory.setHost(parsed.hostname() == null ? "localhost" : parsed.hostname());
      factory.setPort(parsed.port() == null ? (parsed.ssl() ? 5671 : 5672) : parsed.port());
      factory.setUsername(parsed.userid() == null ? "guest" : parsed.userid());
      factory.setPassword(parsed.password() == null ? "guest" : parsed.password());
      factory.setVirtualHost(parsed.virtualHost() == null || parsed.virtualHost().isEmpty() ? "/" : parsed.virtualHost());
      if (parsed.ssl()) {
        factory.useSslProtocol();
      }
      this.connection = factory.newConnection("kombu bench (raw)");
      this.channel = connection.createChannel();
      channel.queueDeclare(queue, true, false, false, Map.of());
      channel.queuePurge(queue);
      channel.basicQos(settings.prefetch());
      channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
          deliveries.add(new Delivered(envelope.getDeliveryTag(), body));
        }
      });
    } catch (IOException | TimeoutException | GeneralSecurityException e) {
      throw new ConnectionException("raw amqp-client could not open " + BrokerUrls.mask(url) + ": " + e, e);
    }
  }

  @Override
  public String name() {
    return "raw amqp-client";
  }

  @Override
  public void publish(int sequence) {
    try {
      channel.basicPublish("", queue, properties, payload.json(sequence));
    } catch (IOException e) {
      throw new ConnectionException("raw amqp-client publish failed: " + e, e);
    }
  }

  @Override
  public void consume(int count) {
    for (int i = 0; i < count; i++) {
      Delivered delivered;
      try {
        delivered = deliveries.poll(settings.messageWait().toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KombuTimeoutException("bench: interrupted while waiting for a message", e);
      }
      if (delivered == null) {
        throw new KombuTimeoutException("bench: raw amqp-client received nothing for " + settings.messageWait().toMillis() + " ms");
      }
      BenchPayload.parse(delivered.body());
      try {
        channel.basicAck(delivered.tag(), false);
      } catch (IOException e) {
        throw new ConnectionException("raw amqp-client ack failed: " + e, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.queueDelete(queue);
      connection.close();
    } catch (IOException e) {
      // Closing after the measurement: a failure here changes no number, and the broker drops the channel anyway.
      connection.abort();
    }
  }
}
