package io.kombu.transport.mongo;

import io.kombu.testkit.BrokerAvailability;
import io.kombu.testkit.TestBrokers;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs real-MongoDB tests only when {@code KOMBU_IT_MONGODB_URL} (or {@code -Dkombu.it.mongodb.url}) names a server:
 * MongoDB has no loopback default, so without the URL the tests are skipped even when {@code KOMBU_IT_REQUIRED=true}.
 * With the URL, an unreachable server skips them, or fails them when {@code KOMBU_IT_REQUIRED=true} (as
 * {@code @RequiresBroker} does).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class RealMongoCondition implements ExecutionCondition {
  static final String BROKER = "mongodb";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (TestBrokers.configuredUrl(BROKER).isEmpty()) {
      return ConditionEvaluationResult.disabled("no real MongoDB configured: set KOMBU_IT_MONGODB_URL (or "
          + "-Dkombu.it.mongodb.url), e.g. mongodb://localhost:27017/kombu_it, to run these tests");
    }
    BrokerAvailability availability = TestBrokers.availability(BROKER);
    if (availability.reachable()) {
      return ConditionEvaluationResult.enabled(availability.describe());
    }
    if (TestBrokers.required()) {
      throw new ExtensionConfigurationException(availability.describe() + ", and " + TestBrokers.REQUIRED_ENV
          + "=true says the brokers must be there; start MongoDB or unset KOMBU_IT_MONGODB_URL");
    }
    return ConditionEvaluationResult.disabled(availability.describe());
  }
}
