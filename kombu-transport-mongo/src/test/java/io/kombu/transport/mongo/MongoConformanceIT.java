package io.kombu.transport.mongo;

import io.kombu.TransportOptions;
import io.kombu.testkit.TestBrokers;
import io.kombu.testkit.TransportConformanceKit;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit, fanout included, against a real MongoDB named by {@code KOMBU_IT_MONGODB_URL}; skipped when it is
 * not set ({@link RealMongoCondition}).
 */
@DisplayName("mongodb:// conformance on a real MongoDB (KOMBU_IT_MONGODB_URL)")
@ExtendWith(RealMongoCondition.class)
class MongoConformanceIT extends TransportConformanceKit {
  @Override
  protected String brokerUrl() {
    return TestBrokers.url(RealMongoCondition.BROKER);
  }

  @Override
  protected TransportOptions options() {
    return TransportOptions.of(Map.of("polling_interval", 0.01));
  }
}
