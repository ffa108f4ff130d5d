package io.kombu.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the brokers for integration tests are, and whether they are reachable.
 *
 * <p>A broker's URL comes from the system property {@code kombu.it.<name>.url}, else the environment variable {@code
 * KOMBU_IT_<NAME>_URL}, else a loopback default ({@code redis://localhost:6379/15} and {@code
 * amqp://guest:guest@localhost:5672//}; {@code mongodb} and {@code sqs} have none). When {@code KOMBU_IT_REQUIRED=true}
 * (or {@code -Dkombu.it.required=true}) an unreachable broker fails the tests annotated with {@link RequiresBroker}
 * instead of skipping them, so that a green CI run means the brokers were really exercised.
 *
 * <pre>{@code
 * @RequiresBroker("redis")
 * class RedisConformanceIT extends TransportConformanceKit {
 *   @Override protected String brokerUrl() { return TestBrokers.url("redis"); }
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe. Probe results are cached once per broker URL per JVM.
 */
public final class TestBrokers {
  /** The environment variable that turns "skip when unreachable" into "fail when unreachable". */
  public static final String REQUIRED_ENV = "KOMBU_IT_REQUIRED";

  /** The system property with the same meaning as {@link #REQUIRED_ENV}. */
  public static final String REQUIRED_PROPERTY = "kombu.it.required";

  private static final Map<String, String> DEFAULT_URLS =
      Map.of("redis", "redis://localhost:6379/15", "amqp", "amqp://guest:guest@localhost:5672//");

  private static final Map<String, BrokerAvailability> PROBES = new ConcurrentHashMap<>();

  private static volatile Function<String, @Nullable String> environment = System::getenv;

  private TestBrokers() {}

  /**
   * @param name a broker name: {@code redis}, {@code amqp}, {@code mongodb}, {@code sqs}, or any other
   * @return the configured URL, or the loopback default
   * @throws IllegalStateException when the broker has no default and none is configured
   */
  public static String url(String name) {
    return configuredUrl(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no URL for the "
                        + name
                        + " test broker: set -D"
                        + propertyName(name)
                        + "=... or the environment variable "
                        + envName(name)));
  }

  /**
   * @param name a broker name
   * @return the configured URL, or the loopback default, or empty when the broker has neither
   */
  public static Optional<String> configuredUrl(String name) {
    Objects.requireNonNull(name, "name");
    String fromProperty = blankToNull(System.getProperty(propertyName(name)));
    if (fromProperty != null) {
      return Optional.of(fromProperty);
    }
    String fromEnv = blankToNull(environment.apply(envName(name)));
    if (fromEnv != null) {
      return Optional.of(fromEnv);
    }
    return Optional.ofNullable(DEFAULT_URLS.get(normalise(name)));
  }

  /** @return whether unreachable brokers must fail tests ({@code KOMBU_IT_REQUIRED} or {@code kombu.it.required} = true) */
  public static boolean required() {
    String value = blankToNull(System.getProperty(REQUIRED_PROPERTY));
    if (value == null) {
      value = blankToNull(environment.apply(REQUIRED_ENV));
    }
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  /**
   * Probes the broker once per URL per JVM: a TCP connect with a short timeout, plus a PING for Redis and the protocol
   * header exchange for AMQP.
   *
   * @param name a broker name
   * @return whether it answered, and why not
   */
  public static BrokerAvailability availability(String name) {
    Optional<String> url = configuredUrl(name);
    if (url.isEmpty()) {
      return BrokerAvailability.unreachable(
          name, "(none)", "no URL configured; set " + envName(name) + " or -D" + propertyName(name));
    }
    String key = normalise(name) + " " + url.get();
    return PROBES.computeIfAbsent(key, k -> BrokerProbe.probe(normalise(name), url.get()));
  }

  /**
   * @param rawUrl a broker URL
   * @return the URL with any password replaced by {@code ****}
   */
  public static String mask(String rawUrl) {
    return BrokerAddress.mask(rawUrl);
  }

  /** @param name broker name @return {@code kombu.it.<name>.url} */
  static String propertyName(String name) {
    return "kombu.it." + normalise(name) + ".url";
  }

  /** @param name broker name @return {@code KOMBU_IT_<NAME>_URL} */
  static String envName(String name) {
    return "KOMBU_IT_" + normalise(name).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_') + "_URL";
  }

  /** Replaces the environment lookup; for this module's own tests. */
  static void environment(Function<String, @Nullable String> lookup) {
    environment = Objects.requireNonNull(lookup, "lookup");
  }

  private static String normalise(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
