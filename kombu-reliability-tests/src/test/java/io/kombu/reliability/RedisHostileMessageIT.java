package io.kombu.reliability;

import io.kombu.DecodeErrorHandler;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;

/**
 * The messages of the hostile-message table that must fail to decode, on Redis. Redis has no dead-letter exchange, so
 * the decode-error handler republishes each bad message to its parking queue and acks it, as on memory://.
 *
 * <p>Corrupt <em>envelopes</em> (list items not written by Kombu) are a different matter: see README.md. Thread-safety: a
 * JUnit test class.
 */
@RequiresBroker("redis")
@DisplayName("Hostile messages on Redis, parked by the decode-error handler")
class RedisHostileMessageIT extends HostileMessageContract {
  @Override
  protected String brokerUrl() {
    return TestBrokers.url("redis");
  }

  @Override
  Stream<HostileMessage> cases() {
    return HostileMessages.all().filter(c -> c.outcome() instanceof HostileMessage.DecodeError);
  }

  @Override
  protected Queue queue(String name, String parkName) {
    return Queue.builder(name).exchange(EXCHANGE).routingKey(name).durable(false).build();
  }

  @Override
  protected DecodeErrorHandler parker(ConsumerLoop loop, String parkName) {
    return MemoryHostileMessageTest.republishingParker(loop, parkName);
  }
}
