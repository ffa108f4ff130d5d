package io.kombu.transport.mongo;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the conformance kit's fanout group on mongo-java-server, with the reason: the transport claims fanout (real
 * MongoDB has capped collections and tailable cursors), but the stand-in cannot create a capped collection and its
 * tailable cursors never see later inserts. {@code MongoConformanceIT} runs the group against a real MongoDB.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class FakeServerLimits implements ExecutionCondition {
  static final String FANOUT_REASON = "mongo-java-server cannot create capped collections and its tailable cursors "
      + "never see later inserts, so fanout cannot work on it; the fanout group runs against a real MongoDB in "
      + "MongoConformanceIT (set KOMBU_IT_MONGODB_URL)";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    for (Optional<Class<?>> c = context.getTestClass(); c.isPresent();
        c = Optional.ofNullable(c.get().getEnclosingClass())) {
      if (c.get().getSimpleName().equals("FanoutRouting")) {
        return ConditionEvaluationResult.disabled(FANOUT_REASON);
      }
    }
    return ConditionEvaluationResult.enabled("mongo-java-server supports everything else this test uses");
  }
}
