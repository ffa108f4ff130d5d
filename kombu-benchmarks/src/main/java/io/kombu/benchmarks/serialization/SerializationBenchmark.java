package io.kombu.benchmarks.serialization;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.serialization.json.JsonSerializer;
import io.kombu.serialization.msgpack.MsgpackSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode of a ~100-byte message body through Kombu-Java's json and msgpack codecs, with Jackson's
 * ObjectMapper used directly as the baseline (it writes compact JSON, without Python's separators or escaping).
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerializationBenchmark {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JsonSerializer json = new JsonSerializer();
  private final MsgpackSerializer msgpack = new MsgpackSerializer();
  private final ObjectMapper jackson = new ObjectMapper();

  private Map<String, Object> body;
  private byte[] jsonBytes;
  private byte[] msgpackBytes;
  private byte[] jacksonBytes;

  /** Builds the body: about 100 bytes of JSON, a typical small task message. */
  @Setup
  public void setUp() throws IOException {
    body = new LinkedHashMap<>();
    body.put("id", 123456);
    body.put("task", "orders.created");
    body.put("args", List.of(2, 3));
    body.put("kwargs", Map.of("priority", "high"));
    body.put("ratio", 0.75);
    body.put("retry", false);
    body.put("eta", null);
    jsonBytes = json.encode(body);
    msgpackBytes = msgpack.encode(body);
    jacksonBytes = jackson.writeValueAsBytes(body);
  }

  /** @return Python-compatible JSON bytes */
  @Benchmark
  public byte[] jsonEncode() {
    return json.encode(body);
  }

  /** @return the decoded map */
  @Benchmark
  public Object jsonDecode() {
    return json.decode(jsonBytes);
  }

  /** @return msgpack bytes */
  @Benchmark
  public byte[] msgpackEncode() {
    return msgpack.encode(body);
  }

  /** @return the decoded map */
  @Benchmark
  public Object msgpackDecode() {
    return msgpack.decode(msgpackBytes);
  }

  /** @return compact JSON from Jackson's ObjectMapper (baseline) */
  @Benchmark
  public byte[] jacksonEncodeBaseline() throws IOException {
    return jackson.writeValueAsBytes(body);
  }

  /** @return the map read by Jackson's ObjectMapper (baseline) */
  @Benchmark
  public Map<String, Object> jacksonDecodeBaseline() throws IOException {
    return jackson.readValue(jacksonBytes, MAP);
  }
}
