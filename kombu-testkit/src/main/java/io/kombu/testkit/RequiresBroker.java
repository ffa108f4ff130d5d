package io.kombu.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when the named brokers answer at their {@link TestBrokers#url(String)}.
 * An unreachable broker skips the test with a reason such as {@code redis at redis://localhost:6379/15 is not reachable:
 * ...}; but when {@code KOMBU_IT_REQUIRED=true} (or {@code -Dkombu.it.required=true}) the test fails instead, so that a
 * CI run cannot pass without its brokers. Each broker is probed once per JVM.
 *
 * <pre>{@code
 * @RequiresBroker("redis")
 * class RedisConformanceIT extends TransportConformanceKit {
 *   @Override protected String brokerUrl() { return TestBrokers.url("redis"); }
 * }
 * }</pre>
 *
 * <p>Thread-safety: an annotation; the extension behind it is thread-safe.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresBrokerExtension.class)
public @interface RequiresBroker {
  /** @return broker names, e.g. {@code "redis"} or {@code {"redis", "amqp"}} */
  String[] value();
}
