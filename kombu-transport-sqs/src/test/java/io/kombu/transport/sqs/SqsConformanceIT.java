package io.kombu.transport.sqs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kombu.TransportOptions;
import io.kombu.testkit.TestBrokers;
import io.kombu.testkit.TransportConformanceKit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The kit against a real SQS or LocalStack, only when {@code KOMBU_IT_SQS_URL} (or {@code -Dkombu.it.sqs.url}) is given,
 * e.g. {@code sqs://} for AWS with the default credentials, or {@code sqs://test:test@localhost:4566} for LocalStack.
 * {@code KOMBU_IT_SQS_REGION} sets the region and {@code KOMBU_IT_SQS_IS_SECURE=true} makes a URL host an https endpoint.
 * Skipped otherwise; there is no loopback default.
 */
@DisplayName("The SQS transport passes the conformance kit against a real SQS or LocalStack (KOMBU_IT_SQS_URL)")
class SqsConformanceIT extends TransportConformanceKit {
  @BeforeAll
  static void onlyWhenConfigured() {
    assumeTrue(TestBrokers.configuredUrl("sqs").isPresent(),
        "KOMBU_IT_SQS_URL / -Dkombu.it.sqs.url is not set: no real SQS to test against");
  }

  @Override
  protected String brokerUrl() {
    return TestBrokers.configuredUrl("sqs").orElseThrow();
  }

  @Override
  protected TransportOptions options() {
    Map<String, Object> opts = new HashMap<>();
    opts.put("wait_time_seconds", 1);
    setting("KOMBU_IT_SQS_REGION", "kombu.it.sqs.region").ifPresent(r -> opts.put("region", r));
    setting("KOMBU_IT_SQS_IS_SECURE", "kombu.it.sqs.is_secure").ifPresent(s -> opts.put("is_secure", s));
    return TransportOptions.of(opts);
  }

  @Override
  protected Duration receiveTimeout() {
    return Duration.ofSeconds(20);
  }

  private static Optional<String> setting(String env, String property) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
