package io.kombu.core.virtual;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of an exchange's routing table (Kombu's {@code (routing_key, pattern, queue)} triple) plus the binding
 * arguments, which the headers exchange matches on.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param routingKey the binding key
 * @param pattern the topic regular expression text of {@link TopicPattern#keyToPattern(String)}, null for other types
 * @param queue the bound queue
 * @param arguments binding arguments (never null; copied)
 */
public record BindingRow(String routingKey, @Nullable String pattern, String queue, Map<String, Object> arguments) {
  /** Copies the arguments and rejects nulls. */
  public BindingRow {
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(queue, "queue");
    arguments = arguments.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /**
   * @param routingKey binding key
   * @param pattern topic pattern or null
   * @param queue queue
   * @return a row without arguments
   */
  public static BindingRow of(String routingKey, @Nullable String pattern, String queue) {
    return new BindingRow(routingKey, pattern, queue, Map.of());
  }

  /**
   * @param other another row
   * @return whether both are the same Kombu triple (routing key, pattern, queue), ignoring arguments
   */
  public boolean sameTriple(BindingRow other) {
    return routingKey.equals(other.routingKey) && Objects.equals(pattern, other.pattern) && queue.equals(other.queue);
  }
}
