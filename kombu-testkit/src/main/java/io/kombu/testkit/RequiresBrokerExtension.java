package io.kombu.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The condition behind {@link RequiresBroker}: it probes each named broker (cached per JVM by {@link TestBrokers}) and
 * disables the class or method when one is unreachable, or throws {@link ExtensionConfigurationException} (the test
 * fails) when {@link TestBrokers#required()} says brokers are mandatory.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class RequiresBrokerExtension implements ExecutionCondition {
  /** Creates the extension; JUnit does this for {@link RequiresBroker}. */
  public RequiresBrokerExtension() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Set<String> brokers = new LinkedHashSet<>();
    context.getElement().ifPresent(element -> brokers.addAll(brokersOn(element)));
    // A @Nested class inherits its enclosing classes' requirements.
    for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = Optional.ofNullable(c.get().getEnclosingClass())) {
      brokers.addAll(brokersOn(c.get()));
    }
    if (brokers.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @RequiresBroker here");
    }
    List<String> reachable = new ArrayList<>();
    for (String broker : brokers) {
      BrokerAvailability availability = TestBrokers.availability(broker);
      if (!availability.reachable()) {
        if (TestBrokers.required()) {
          throw new ExtensionConfigurationException(requiredMessage(availability));
        }
        return ConditionEvaluationResult.disabled(availability.describe());
      }
      reachable.add(availability.describe());
    }
    return ConditionEvaluationResult.enabled(String.join("; ", reachable));
  }

  private static List<String> brokersOn(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, RequiresBroker.class)
        .map(a -> List.of(a.value()))
        .orElse(List.of());
  }

  private static String requiredMessage(BrokerAvailability availability) {
    String name = availability.broker();
    return availability.describe()
        + ", and "
        + TestBrokers.REQUIRED_ENV
        + "=true says the brokers must be there. Start them with scripts/brokers.sh, or point the tests at a running one with "
        + TestBrokers.envName(name)
        + "=<url> (or -D"
        + TestBrokers.propertyName(name)
        + "=<url>); unset "
        + TestBrokers.REQUIRED_ENV
        + " to skip these tests instead.";
  }
}
