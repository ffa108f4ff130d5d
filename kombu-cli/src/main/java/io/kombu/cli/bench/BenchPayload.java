package io.kombu.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's message body, the same for every workload (and for scripts/bench_kombu.py): {@code {"id": n, "data":
 * "xxx..."}} with {@code data} as long as asked. The raw workloads encode it as JSON with Jackson, as a plain application
 * would.
 *
 * <p>Thread-safety: immutable; the shared mapper is thread-safe.
 */
final class BenchPayload {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String data;

  BenchPayload(int sizeBytes) {
    this.data = "x".repeat(Math.max(0, sizeBytes));
  }

  Map<String, Object> body(int sequence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", sequence);
    body.put("data", data);
    return body;
  }

  byte[] json(int sequence) {
    try {
      return JSON.writeValueAsBytes(body(sequence));
    } catch (JsonProcessingException e) {
      throw new EncodeException("cannot encode the benchmark body as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Object parse(byte[] json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (IOException e) {
      throw new DecodeException("cannot decode a benchmark body: " + e.getMessage(), e);
    }
  }
}
