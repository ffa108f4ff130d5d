package io.kombu;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Transport-specific settings (Kombu's {@code transport_options}), keyed by Kombu's own names so that Python documentation
 * applies as written: {@code polling_interval}, {@code visibility_timeout}, {@code global_keyprefix}, {@code region}, ...
 * Durations given as numbers are seconds, as in Kombu. Each transport's README lists the keys it reads and their defaults.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class TransportOptions {
  private static final TransportOptions EMPTY = new TransportOptions(Map.of());

  private final Map<String, Object> values;

  private TransportOptions(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** @return no options: every transport default applies */
  public static TransportOptions defaults() {
    return EMPTY;
  }

  /** @param values option name to value @return the options */
  public static TransportOptions of(Map<String, ?> values) {
    Map<String, Object> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value of " + k)));
    return new TransportOptions(copy);
  }

  /** @param key name @param value value @return a copy with this option set */
  public TransportOptions with(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new TransportOptions(copy);
  }

  /** @param other options that win over these @return the merged options */
  public TransportOptions merge(TransportOptions other) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.putAll(other.values);
    return new TransportOptions(copy);
  }

  /** @return every option */
  public Map<String, Object> asMap() {
    return values;
  }

  /** @param key name @return whether it is set */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** @param key name @return the raw value, or null */
  public @Nullable Object get(String key) {
    return values.get(key);
  }

  /** @param key name @param fallback default @return the value as text */
  public String getString(String key, String fallback) {
    Object v = values.get(key);
    return v == null ? fallback : v.toString();
  }

  /** @param key name @return the value as text, if set */
  public Optional<String> getString(String key) {
    return Optional.ofNullable(values.get(key)).map(Object::toString);
  }

  /** @param key name @param fallback default @return the value as an int @throws ConfigurationException if not a number */
  public int getInt(String key, int fallback) {
    Object v = values.get(key);
    return v == null ? fallback : (int) number(key, v);
  }

  /** @param key name @param fallback default @return the value as a long @throws ConfigurationException if not a number */
  public long getLong(String key, long fallback) {
    Object v = values.get(key);
    return v == null ? fallback : (long) number(key, v);
  }

  /** @param key name @param fallback default @return the value as a double @throws ConfigurationException if not a number */
  public double getDouble(String key, double fallback) {
    Object v = values.get(key);
    return v == null ? fallback : number(key, v);
  }

  /**
   * @param key name
   * @param fallback default
   * @return true for {@code true}, {@code 1}, {@code yes}, {@code on} (any case); false for their opposites
   * @throws ConfigurationException for anything else
   */
  public boolean getBoolean(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    switch (v.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true": case "1": case "yes": case "on":
        return true;
      case "false": case "0": case "no": case "off":
        return false;
      default:
        throw new ConfigurationException("transport option " + key + " must be true or false, was: " + v);
    }
  }

  /**
   * @param key name
   * @param fallback default, may be null
   * @return a Duration as is, or a number of seconds (fractions allowed) as a Duration
   * @throws ConfigurationException if neither
   */
  public @Nullable Duration getDuration(String key, @Nullable Duration fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Duration) {
      return (Duration) v;
    }
    double seconds = number(key, v);
    if (seconds < 0) {
      throw new ConfigurationException("transport option " + key + " must not be negative, was: " + v);
    }
    return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
  }

  private static double number(String key, Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException("transport option " + key + " must be a number, was: " + v, e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportOptions && ((TransportOptions) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    // Option values may hold secrets (sentinel passwords, AWS keys): show only the keys.
    return "TransportOptions" + values.keySet();
  }
}
