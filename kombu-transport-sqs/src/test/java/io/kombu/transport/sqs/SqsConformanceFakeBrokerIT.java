package io.kombu.transport.sqs;

import io.kombu.TransportOptions;
import io.kombu.testkit.TransportConformanceKit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The SQS transport passes the conformance kit against an in-JVM ElasticMQ (a fake SQS)")
class SqsConformanceFakeBrokerIT extends TransportConformanceKit {
  private static ElasticMq server;

  @BeforeAll
  static void startServer() {
    server = ElasticMq.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected String brokerUrl() {
    return server.kombuUrl();
  }

  @Override
  protected TransportOptions options() {
    return TransportOptions.of(Map.of("region", "elasticmq", "wait_time_seconds", 1));
  }
}
