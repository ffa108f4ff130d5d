package io.kombu.transport.amqp;

import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import io.kombu.testkit.TransportConformanceKit;
import org.junit.jupiter.api.DisplayName;

@RequiresBroker("amqp")
@DisplayName("The AMQP transport against a real RabbitMQ passes the conformance kit")
class AmqpConformanceIT extends TransportConformanceKit {
  @Override
  protected String brokerUrl() {
    return TestBrokers.url("amqp");
  }
}
