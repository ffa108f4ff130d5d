package io.kombu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON for the command line: parses {@code --json} bodies and writes message reports. Values decoded from brokers may hold
 * types JSON lacks (byte arrays, dates, AMQP-specific objects); {@link #plain} maps them to strings first, so that a report
 * line can always be written.
 *
 * <p>Thread-safety: thread-safe (the mapper is configured once and only used after).
 */
final class JsonValues {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private JsonValues() {}

  /** @param text JSON text @return the value (Map, List, String, Number, Boolean or null) */
  static @Nullable Object parse(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new CliArgumentException("--json is not valid JSON: " + e.getOriginalMessage()
          + ". Quote the whole value for the shell, e.g. --json '{\"id\": 1}'.", e);
    }
  }

  /** @param value any value made of maps, lists and scalars @return its JSON text on one line */
  static String write(@Nullable Object value) {
    try {
      return MAPPER.writeValueAsString(plain(value));
    } catch (JsonProcessingException e) {
      throw new CliArgumentException("cannot write a report line as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** @return the value with every non-JSON type replaced by a JSON-friendly one (bytes as base64) */
  static @Nullable Object plain(@Nullable Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    if (value instanceof Collection<?> collection) {
      List<@Nullable Object> copy = new ArrayList<>(collection.size());
      collection.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    if (value instanceof Object[] array) {
      return plain(Arrays.asList(array));
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    return value.toString();
  }
}
