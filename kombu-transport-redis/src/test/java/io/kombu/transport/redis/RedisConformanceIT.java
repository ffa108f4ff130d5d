package io.kombu.transport.redis;

import io.kombu.testkit.PriorityOrder;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import io.kombu.testkit.TransportConformanceKit;
import org.junit.jupiter.api.DisplayName;

/** The conformance kit against a real Redis (database 15 by default). */
@RequiresBroker("redis")
@DisplayName("redis:// transport conformance")
class RedisConformanceIT extends TransportConformanceKit {
  @Override
  protected String brokerUrl() {
    return TestBrokers.url("redis");
  }

  @Override
  protected PriorityOrder priorityOrder() {
    // Kombu's Redis buckets serve priority 0 first, the reverse of AMQP.
    return PriorityOrder.LOWER_FIRST;
  }
}
