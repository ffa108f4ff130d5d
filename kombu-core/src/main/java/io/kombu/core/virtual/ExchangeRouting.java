package io.kombu.core.virtual;

import io.kombu.ExchangeType;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How each exchange type of the virtual engine turns a routing table and a message into target queues (Kombu's {@code
 * kombu.transport.virtual.exchange}): {@code direct} (exact key), {@code topic} ({@link TopicPattern}), {@code fanout}
 * (every bound queue) and {@code headers}, which Kombu lacks and which follows AMQP: binding argument {@code x-match} =
 * {@code all} (default) needs every other binding argument to be present in the message headers with an equal value,
 * {@code any} needs one; arguments starting with {@code x-} are not matched. Results are sets in table order: a queue
 * bound several times gets one copy.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class ExchangeRouting {
  private static final Set<ExchangeType> SUPPORTED =
      Set.of(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS);

  private ExchangeRouting() {}

  /** @param type an exchange type @return whether the virtual engine routes it */
  public static boolean supports(ExchangeType type) {
    return SUPPORTED.contains(type);
  }

  /** @return the exchange types the virtual engine routes */
  public static Set<ExchangeType> supportedTypes() {
    return SUPPORTED;
  }

  /**
   * Kombu's {@code prepare_bind}: the table row for a new binding (topic rows carry their compiled pattern text).
   *
   * @param type exchange type
   * @param queue queue
   * @param routingKey binding key
   * @param arguments binding arguments
   * @return the row to store
   */
  public static BindingRow prepareBind(
      ExchangeType type, String queue, String routingKey, Map<String, Object> arguments) {
    String pattern = ExchangeType.TOPIC.equals(type) ? TopicPattern.keyToPattern(routingKey) : null;
    return new BindingRow(routingKey, pattern, queue, arguments);
  }

  /**
   * @param type exchange type (an unsupported type routes as direct, as Kombu treats unknown exchanges)
   * @param table the exchange's routing table
   * @param routingKey the message's routing key
   * @param headers the message's headers (only the headers type reads them)
   * @return target queue names, without duplicates, in table order
   */
  public static Set<String> lookup(
      ExchangeType type, Collection<BindingRow> table, String routingKey, Map<String, Object> headers) {
    Set<String> out = new LinkedHashSet<>();
    if (ExchangeType.FANOUT.equals(type)) {
      for (BindingRow row : table) {
        out.add(row.queue());
      }
    } else if (ExchangeType.TOPIC.equals(type)) {
      for (BindingRow row : table) {
        String pattern = row.pattern() != null ? row.pattern() : TopicPattern.keyToPattern(row.routingKey());
        if (TopicPattern.matches(pattern, routingKey)) {
          out.add(row.queue());
        }
      }
    } else if (ExchangeType.HEADERS.equals(type)) {
      for (BindingRow row : table) {
        if (headersMatch(row.arguments(), headers)) {
          out.add(row.queue());
        }
      }
    } else {
      for (BindingRow row : table) {
        if (row.routingKey().equals(routingKey)) {
          out.add(row.queue());
        }
      }
    }
    return out;
  }

  /**
   * @param bindingArguments the binding's arguments, with optional {@code x-match} of {@code all} or {@code any}
   * @param headers the message headers
   * @return whether the headers exchange routes the message to that binding
   */
  public static boolean headersMatch(Map<String, Object> bindingArguments, Map<String, Object> headers) {
    Object mode = bindingArguments.get("x-match");
    boolean any = mode != null && mode.toString().trim().toLowerCase(Locale.ROOT).equals("any");
    for (Map.Entry<String, Object> e : bindingArguments.entrySet()) {
      if (e.getKey().startsWith("x-")) {
        continue;
      }
      boolean ok = headers.containsKey(e.getKey()) && valuesEqual(e.getValue(), headers.get(e.getKey()));
      if (any && ok) {
        return true;
      }
      if (!any && !ok) {
        return false;
      }
    }
    // "all" over no criteria matches everything (AMQP); "any" needs at least one hit.
    return !any;
  }

  private static boolean valuesEqual(Object expected, Object actual) {
    if (expected instanceof Number && actual instanceof Number) {
      Number a = (Number) expected;
      Number b = (Number) actual;
      if (isIntegral(a) && isIntegral(b)) {
        return a.longValue() == b.longValue();
      }
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    return Objects.equals(expected, actual);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
  }
}
