package io.kombu.transport.sqs.internal;

import io.kombu.ConfigurationException;
import io.kombu.TransportOptions;
import io.kombu.core.CredentialProviders;
import io.kombu.spi.BrokerUrl;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SQS transport's settings, read once from the URL and Kombu's transport options (names and defaults as in Kombu's
 * SQS transport). The secret key is kept here only to build the credentials provider; {@link #toString()} never shows it.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param region option {@code region}, or null for the SDK's default region chain (then {@code us-east-1})
 * @param endpoint from the URL's host and port or option {@code endpoint_url}; null for the regional AWS endpoint
 * @param accessKeyId from the URL's user; null for the SDK's default credentials chain
 * @param secretAccessKey from the URL's password
 * @param queueNamePrefix option {@code queue_name_prefix}
 * @param visibilityTimeoutSeconds option {@code visibility_timeout}, set on queues this transport creates
 * @param waitTimeSeconds option {@code wait_time_seconds}: the longest long poll (0 = short polling only)
 * @param base64 option {@code sqs_base64_encoding}
 * @param predefinedQueues option {@code predefined_queues}: logical name to queue settings; empty when not used
 * @param creationAttributes option {@code sqs-creation-attributes}
 * @param queueTags option {@code queue_tags}
 * @param systemAttributeNames system attributes requested on receive (from {@code fetch_message_attributes})
 * @param messageAttributeNames message attributes requested on receive (from {@code fetch_message_attributes})
 * @param connectTimeout {@code client-config.connect_timeout}, or null for the SDK default
 * @param readTimeout {@code client-config.read_timeout}, or null for the SDK default
 * @param maxConnections {@code client-config.max_pool_connections}, or 0 for the SDK default
 * @param maxAttempts {@code client-config.retries.max_attempts}, or 0 for the SDK default
 */
public record SqsSettings(
    @Nullable String region,
    @Nullable URI endpoint,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey,
    String queueNamePrefix,
    int visibilityTimeoutSeconds,
    int waitTimeSeconds,
    boolean base64,
    Map<String, PredefinedQueue> predefinedQueues,
    Map<String, String> creationAttributes,
    Map<String, String> queueTags,
    List<String> systemAttributeNames,
    List<String> messageAttributeNames,
    @Nullable Duration connectTimeout,
    @Nullable Duration readTimeout,
    int maxConnections,
    int maxAttempts) {

  /** Kombu's default {@code visibility_timeout} for queues it creates. */
  public static final int DEFAULT_VISIBILITY_TIMEOUT = 1800;
  /** Kombu's default {@code wait_time_seconds}. */
  public static final int DEFAULT_WAIT_TIME_SECONDS = 10;
  /** SQS's longest long poll. */
  public static final int MAX_WAIT_TIME_SECONDS = 20;

  private static final Set<String> CLIENT_CONFIG_KEYS =
      Set.of("connect_timeout", "read_timeout", "max_pool_connections", "retries");

  /**
   * A {@code predefined_queues} entry. Thread-safety: immutable.
   *
   * @param url the queue URL
   * @param backoffPolicy {@code backoff_policy}: receive count to visibility timeout in seconds
   * @param backoffTasks {@code backoff_tasks}: task names ({@code headers.task}) the policy applies to
   */
  public record PredefinedQueue(String url, Map<Integer, Integer> backoffPolicy, Set<String> backoffTasks) {}

  /**
   * @param url the broker URL
   * @param options transport options
   * @return the settings
   * @throws ConfigurationException when an option has a bad value or names something this transport does not support
   */
  public static SqsSettings from(BrokerUrl url, TransportOptions options) {
    CredentialProviders.refuse(url, options, "SQS", "give the access key id and secret key in the URL "
        + "(sqs://KEY:SECRET@) or leave them out for the AWS SDK's default credentials chain");
    if (options.has("sts_role_arn")) {
      throw new ConfigurationException("transport option sts_role_arn is not supported by the Java SQS transport; let "
          + "the AWS SDK's default credentials chain assume the role (AWS_ROLE_ARN with web identity, or a profile with "
          + "role_arn), or pass temporary credentials");
    }
    if (options.getBoolean("supports_fanout", false)) {
      throw new ConfigurationException("transport option supports_fanout=true needs SNS, which the Java SQS transport "
          + "does not implement; route with direct or topic exchanges, or use an AMQP or Redis broker for fanout");
    }
    String region = options.getString("region").filter(s -> !s.isBlank()).orElse(null);
    Object secure = options.get("is_secure");
    URI endpoint = endpoint(url, options, secure == null ? null : Boolean.valueOf(secure.toString()));
    String user = emptyToNull(url.userid());
    String password = emptyToNull(url.password());
    if (user != null && password == null) {
      throw new ConfigurationException("the SQS URL names an access key id but no secret key; write "
          + "sqs://ACCESS_KEY_ID:SECRET_ACCESS_KEY@ (URL-encoded) or leave both out to use the AWS default credentials");
    }
    Object vt = options.get("visibility_timeout");
    int visibility = vt == null || vt.toString().isBlank() ? DEFAULT_VISIBILITY_TIMEOUT : (int) parseDouble(vt, "visibility_timeout");
    int wait = (int) options.getLong("wait_time_seconds", DEFAULT_WAIT_TIME_SECONDS);
    if (wait < 0 || wait > MAX_WAIT_TIME_SECONDS) {
      throw new ConfigurationException("transport option wait_time_seconds must be between 0 and 20 (SQS's limit), was "
          + wait);
    }
    List<String> sys = new ArrayList<>(List.of("ApproximateReceiveCount"));
    List<String> msg = new ArrayList<>();
    fetchAttributes(options.get("fetch_message_attributes"), sys, msg);
    Map<String, Object> clientConfig = map(options.get("client-config"), "client-config");
    for (String k : clientConfig.keySet()) {
      if (!CLIENT_CONFIG_KEYS.contains(k)) {
        throw new ConfigurationException("client-config key '" + k + "' is not supported by the Java SQS transport; "
            + "supported: " + CLIENT_CONFIG_KEYS);
      }
    }
    Map<String, Object> retries = map(clientConfig.get("retries"), "client-config.retries");
    return new SqsSettings(
        region,
        endpoint,
        user,
        password,
        options.getString("queue_name_prefix", ""),
        visibility,
        wait,
        options.getBoolean("sqs_base64_encoding", true),
        predefined(options.get("predefined_queues")),
        strings(options.get("sqs-creation-attributes"), "sqs-creation-attributes"),
        strings(options.get("queue_tags"), "queue_tags"),
        List.copyOf(sys),
        List.copyOf(msg),
        seconds(clientConfig.get("connect_timeout"), "client-config.connect_timeout"),
        seconds(clientConfig.get("read_timeout"), "client-config.read_timeout"),
        clientConfig.containsKey("max_pool_connections")
            ? (int) parseDouble(clientConfig.get("max_pool_connections"), "client-config.max_pool_connections") : 0,
        retries.containsKey("max_attempts") ? (int) parseDouble(retries.get("max_attempts"), "retries.max_attempts") : 0);
  }

  /** @return whether queues come only from {@code predefined_queues} (nothing is created or deleted) */
  public boolean usesPredefinedQueues() {
    return !predefinedQueues.isEmpty();
  }

  private static @Nullable URI endpoint(BrokerUrl url, TransportOptions options, @Nullable Boolean secure) {
    String explicit = options.getString("endpoint_url").filter(s -> !s.isBlank()).orElse(null);
    if (explicit != null) {
      try {
        return URI.create(explicit);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("transport option endpoint_url '" + explicit + "' is not a URI", e);
      }
    }
    String host = emptyToNull(url.hostname());
    if (host == null) {
      return null;
    }
    String scheme = Boolean.TRUE.equals(secure) ? "https" : "http";
    String hostPart = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    Integer port = url.port();
    return URI.create(scheme + "://" + hostPart + (port == null || port == 0 ? "" : ":" + port));
  }

  private static void fetchAttributes(@Nullable Object value, List<String> sys, List<String> msg) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        String s = String.valueOf(o);
        if (!sys.contains(s)) {
          sys.add(s);
        }
      }
      if (sys.contains("ALL") || sys.contains("All")) {
        sys.clear();
        sys.add("All");
      }
      return;
    }
    if (value instanceof Map<?, ?> m) {
      Object s = m.get("MessageSystemAttributeNames");
      if (s instanceof List<?> l) {
        sys.clear();
        l.forEach(o -> sys.add(String.valueOf(o)));
        if (!sys.contains("ApproximateReceiveCount") && !sys.contains("All")) {
          sys.add("ApproximateReceiveCount");
        }
      }
      Object a = m.get("MessageAttributeNames");
      if (a instanceof List<?> l) {
        l.forEach(o -> msg.add(String.valueOf(o)));
      }
      return;
    }
    throw new ConfigurationException("transport option fetch_message_attributes must be a list of attribute names or a "
        + "map with MessageSystemAttributeNames / MessageAttributeNames, was " + value.getClass().getSimpleName());
  }

  private static Map<String, PredefinedQueue> predefined(@Nullable Object value) {
    Map<String, Object> raw = map(value, "predefined_queues");
    Map<String, PredefinedQueue> out = new LinkedHashMap<>();
    raw.forEach((name, v) -> {
      Map<String, Object> entry = map(v, "predefined_queues." + name);
      Object u = entry.get("url");
      if (u == null || u.toString().isBlank()) {
        throw new ConfigurationException("predefined_queues entry '" + name + "' has no url; give each queue its SQS "
            + "queue URL");
      }
      String queueUrl = u.toString();
      for (String key : List.of("access_key_id", "secret_access_key", "region")) {
        if (entry.containsKey(key)) {
          throw new ConfigurationException("predefined_queues entry '" + name + "' sets " + key + ", which the Java SQS "
              + "transport does not support per queue; use one connection per account or region");
        }
      }
      if (QueueNames.isFifo(name) != QueueNames.isFifo(queueUrl)) {
        throw new ConfigurationException("predefined queue '" + name + "' and its url must both end in .fifo or "
            + "neither (Kombu's InvalidQueueException)");
      }
      Map<Integer, Integer> policy = new LinkedHashMap<>();
      map(entry.get("backoff_policy"), "backoff_policy").forEach(
          (k, s) -> policy.put(Integer.parseInt(k.trim()), (int) parseDouble(s, "backoff_policy")));
      Set<String> tasks = new java.util.LinkedHashSet<>();
      Object t = entry.get("backoff_tasks");
      if (t instanceof List<?> l) {
        l.forEach(o -> tasks.add(String.valueOf(o)));
      }
      out.put(name, new PredefinedQueue(queueUrl, Map.copyOf(policy), Set.copyOf(tasks)));
    });
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, Object> map(@Nullable Object value, String what) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new ConfigurationException("transport option " + what + " must be a map, was "
          + value.getClass().getSimpleName());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Map<String, String> strings(@Nullable Object value, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    map(value, what).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return Collections.unmodifiableMap(out);
  }

  private static @Nullable Duration seconds(@Nullable Object value, String what) {
    return value == null ? null : Duration.ofMillis((long) (parseDouble(value, what) * 1000));
  }

  private static double parseDouble(@Nullable Object value, String what) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(what + " must be a number, was '" + value + "'", e);
    }
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public String toString() {
    return "SqsSettings(region=" + region + ", endpoint=" + endpoint + ", credentials="
        + (accessKeyId == null ? "default chain" : "static (secret hidden)") + ", queueNamePrefix=" + queueNamePrefix
        + ", visibilityTimeout=" + visibilityTimeoutSeconds + ", waitTimeSeconds=" + waitTimeSeconds + ", base64="
        + base64 + ", predefinedQueues=" + predefinedQueues.keySet() + ")";
  }
}
