package io.kombu.transport.redis.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Kombu's Redis key names: queue lists and their priority buckets ({@code <queue><sep><step>}), binding sets ({@code
 * _kombu.binding.<exchange>}), the unacked hash, index and mutex, and fanout channels ({@code /<db>.<exchange>}), all
 * behind {@code global_keyprefix}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class RedisKeys {
  /** Kombu's binding set prefix. */
  public static final String BINDING_PREFIX = "_kombu.binding.";

  private final RedisSettings settings;

  /** @param settings the transport settings */
  public RedisKeys(RedisSettings settings) {
    this.settings = settings;
  }

  /** @return the separator, {@code \x06\x16} by default */
  public String sep() {
    return settings.sep();
  }

  /**
   * @param queue a queue
   * @param priority a message priority 0..9
   * @return the list holding it: the largest step not above the priority (the last step when none is), bare name for 0
   */
  public String bucketKey(String queue, int priority) {
    return settings.keyPrefix() + bucketName(queue, priority);
  }

  /** Kombu's {@code _q_for_pri}, without the global prefix. */
  String bucketName(String queue, int priority) {
    List<Integer> steps = settings.prioritySteps();
    int step = steps.get(steps.size() - 1);
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i) <= priority) {
        step = steps.get(i);
        break;
      }
    }
    // Kombu's "if pri" test: step 0 is the bare queue name.
    return step == 0 ? queue : queue + settings.sep() + step;
  }

  /** @param queue a queue @return its bucket keys in serving order (step order), prefixed */
  public List<String> bucketKeys(String queue) {
    List<String> out = new ArrayList<>(settings.prioritySteps().size());
    for (int step : settings.prioritySteps()) {
      out.add(settings.keyPrefix() + (step == 0 ? queue : queue + settings.sep() + step));
    }
    return out;
  }

  /** @param exchange an exchange @return its binding set key, prefixed */
  public String bindingKey(String exchange) {
    return settings.keyPrefix() + BINDING_PREFIX + exchange;
  }

  /**
   * @param routingKey binding key
   * @param pattern topic pattern or null
   * @param queue queue
   * @return the set member, byte-identical to Kombu's ({@code null} fields are empty)
   */
  public String bindingMember(String routingKey, @org.jspecify.annotations.Nullable String pattern, String queue) {
    return routingKey + settings.sep() + (pattern == null ? "" : pattern) + settings.sep() + queue;
  }

  /** @return the unacked hash key, prefixed */
  public String unacked() {
    return settings.keyPrefix() + settings.unackedKey();
  }

  /** @return the unacked index zset key, prefixed */
  public String unackedIndex() {
    return settings.keyPrefix() + settings.unackedIndexKey();
  }

  /** @return the restore mutex key, prefixed */
  public String unackedMutex() {
    return settings.keyPrefix() + settings.unackedMutexKey();
  }

  /**
   * @param exchange a fanout exchange
   * @param routingKey the publish routing key
   * @return the channel to PUBLISH on: {@code <prefix>/<db>.<exchange>[/<routingKey>]}
   */
  public String fanoutChannel(String exchange, String routingKey) {
    String base = fanoutBase(exchange);
    return settings.fanoutPatterns() && !routingKey.isEmpty() ? base + "/" + routingKey : base;
  }

  /** @param exchange a fanout exchange @return the exact channel name for keyless publishes, prefixed */
  public String fanoutBase(String exchange) {
    return settings.keyPrefix() + settings.fanoutPrefix() + exchange;
  }

  /**
   * Kombu's pub/sub message handling: drop the global prefix, then everything up to the first {@code .} when the name
   * starts with {@code /}, then take the text before the first {@code /}.
   *
   * @param channel a channel name from a pub/sub message
   * @return the exchange it belongs to
   */
  public String exchangeOfChannel(String channel) {
    String c = channel;
    String prefix = settings.keyPrefix();
    if (!prefix.isEmpty() && c.startsWith(prefix)) {
      c = c.substring(prefix.length());
    }
    if (c.startsWith("/")) {
      int dot = c.indexOf('.');
      c = dot < 0 ? c : c.substring(dot + 1);
    }
    int slash = c.indexOf('/');
    return slash < 0 ? c : c.substring(0, slash);
  }
}
