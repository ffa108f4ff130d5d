package io.kombu.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed table of URL schemes Kombu-Java ships transports for, mapped to the transport's name and the artifact to add.
 * Used to word "no transport" errors and by the conformance kit to check a provider's {@code name()}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class KnownTransports {
  /** The groupId of every Kombu-Java artifact. */
  public static final String GROUP_ID = "io.kombu";

  private static final Map<String, String> SCHEME_TO_NAME;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("amqp", "amqp");
    m.put("amqps", "amqp");
    m.put("pyamqp", "amqp");
    m.put("redis", "redis");
    m.put("rediss", "redis");
    m.put("sentinel", "redis");
    m.put("memory", "memory");
    m.put("mongodb", "mongo");
    m.put("mongodb+srv", "mongo");
    m.put("sqs", "sqs");
    SCHEME_TO_NAME = Collections.unmodifiableMap(m);
  }

  /** Schemes whose transports parse the whole URL themselves (Kombu's {@code can_parse_url}). */
  private static final Set<String> SELF_PARSING = Set.of("mongodb", "mongodb+srv");

  private KnownTransports() {}

  /** @return every known scheme, lower case, in a stable order */
  public static Set<String> schemes() {
    return SCHEME_TO_NAME.keySet();
  }

  /**
   * @param scheme a URL scheme, any case
   * @return the transport name serving it ({@code amqp}, {@code redis}, {@code memory}, {@code mongo}, {@code sqs})
   */
  public static Optional<String> transportName(String scheme) {
    return Optional.ofNullable(SCHEME_TO_NAME.get(lower(scheme)));
  }

  /**
   * @param scheme a URL scheme, any case
   * @return the artifactId to add, e.g. {@code kombu-transport-redis}
   */
  public static Optional<String> artifactId(String scheme) {
    return transportName(scheme).map(KnownTransports::artifactIdForName);
  }

  /**
   * @param scheme a URL scheme, any case
   * @return Maven coordinates without version, e.g. {@code io.kombu:kombu-transport-redis}
   */
  public static Optional<String> coordinates(String scheme) {
    return artifactId(scheme).map(a -> GROUP_ID + ":" + a);
  }

  /**
   * @param transportName a transport name as returned by {@code TransportProvider.name()}
   * @return the artifactId Kombu-Java publishes it in ({@code kombu-transport-<name>})
   */
  public static String artifactIdForName(String transportName) {
    return "kombu-transport-" + lower(transportName);
  }

  /**
   * @param transportName a transport name
   * @return whether it is one of the transports Kombu-Java ships
   */
  public static boolean isKnownName(String transportName) {
    return SCHEME_TO_NAME.containsValue(lower(transportName));
  }

  /**
   * @param scheme a URL scheme, any case
   * @return whether the scheme's transport parses URLs itself, so core leaves its query options untouched
   */
  public static boolean parsesOwnUrls(String scheme) {
    return SELF_PARSING.contains(lower(scheme));
  }

  private static String lower(String s) {
    return Objects.requireNonNull(s, "scheme").toLowerCase(Locale.ROOT);
  }
}
