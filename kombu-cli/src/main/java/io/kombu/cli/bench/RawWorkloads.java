package io.kombu.cli.bench;

import io.kombu.ConfigurationException;
import io.kombu.core.BrokerUrls;
import java.util.Locale;

/**
 * Picks the raw-driver workload for a URL's scheme. A driver's workload class is loaded only after its driver was found
 * on the class path, so a trimmed class path fails with a message rather than a {@link NoClassDefFoundError}.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
final class RawWorkloads {
  private RawWorkloads() {}

  static BenchWorkload create(String url, String queue, BenchSettings settings) {
    String scheme = schemeOf(url);
    return switch (scheme) {
      case "memory" -> new MemoryRawWorkload(settings);
      case "redis", "rediss" -> {
        requireDriver("redis.clients.jedis.Jedis", "redis.clients:jedis", url);
        yield new RedisRawWorkload(url, queue, settings);
      }
      case "amqp", "amqps", "pyamqp" -> {
        requireDriver("com.rabbitmq.client.ConnectionFactory", "com.rabbitmq:amqp-client", url);
        yield new AmqpRawWorkload(url, queue, settings);
      }
      default -> throw new ConfigurationException("--compare-raw has no raw driver workload for scheme \"" + scheme
          + "\" (" + BrokerUrls.mask(url) + "); it knows memory, redis and amqp. Run without --compare-raw.");
    };
  }

  static String schemeOf(String url) {
    int colon = url.indexOf("://");
    String scheme = colon < 0 ? url : url.substring(0, colon);
    int plus = scheme.indexOf('+');
    return (plus < 0 ? scheme : scheme.substring(0, plus)).toLowerCase(Locale.ROOT);
  }

  private static void requireDriver(String className, String artifact, String url) {
    try {
      Class.forName(className, false, RawWorkloads.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException("--compare-raw for " + BrokerUrls.mask(url) + " needs " + artifact
          + " on the class path; the kombu.jar built from kombu-cli carries it.", e);
    }
  }
}
