package io.kombu.reliability;

import io.kombu.DecodeErrorHandler;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;

/**
 * The messages of the hostile-message table that must fail to decode, on RabbitMQ: each source queue dead-letters through
 * {@code x-dead-letter-exchange} (the default exchange, routing to the case's parking queue), and the decode-error
 * handler simply rejects without requeue. The broker, not the client, moves the bad message; the contract counts it.
 *
 * <p>The cases that are delivered or refused at publish depend only on kombu-core and run on memory://
 * ({@link MemoryHostileMessageTest}); some of them (1 MiB of headers) exceed AMQP's frame size by design.
 * Thread-safety: a JUnit test class.
 */
@RequiresBroker("amqp")
@DisplayName("Hostile messages on RabbitMQ, dead-lettered by the broker")
class AmqpHostileMessageIT extends HostileMessageContract {
  @Override
  protected String brokerUrl() {
    return TestBrokers.url("amqp");
  }

  @Override
  Stream<HostileMessage> cases() {
    return HostileMessages.all().filter(c -> c.outcome() instanceof HostileMessage.DecodeError);
  }

  @Override
  protected Queue queue(String name, String parkName) {
    return Queue.builder(name).exchange(EXCHANGE).routingKey(name).durable(false)
        .deadLetterExchange("").deadLetterRoutingKey(parkName).build();
  }

  @Override
  protected DecodeErrorHandler parker(ConsumerLoop loop, String parkName) {
    return (message, error) -> message.reject();
  }
}
