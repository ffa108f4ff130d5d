package io.kombu.benchmarks.redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.util.KeyValue;

/**
 * The baseline: raw Jedis issuing the commands Kombu's Redis transport issues, with no Kombu code in between. A publish
 * is one {@code LPUSH} of a Kombu JSON envelope built per message; a consume is {@code RPOP} (or {@code BRPOP}), then
 * {@code HSET unacked} + {@code ZADD unacked_index} pipelined; an ack is {@code ZREM} + {@code HDEL} pipelined (Python
 * Kombu's sequence).
 *
 * <p>Thread-safety: not thread-safe; one benchmark thread.
 */
final class RawJedisBench {
  private static final String UNACKED = "unacked";
  private static final String UNACKED_INDEX = "unacked_index";

  private final JedisPooled jedis;
  private final String body64;

  RawJedisBench(JedisPooled jedis, byte[] jsonBody) {
    this.jedis = jedis;
    this.body64 = Base64.getEncoder().encodeToString(jsonBody);
  }

  /** A Kombu envelope as Python's json.dumps writes it, with a fresh delivery tag. */
  String envelope(String queue) {
    return "{\"body\": \"" + body64 + "\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", "
        + "\"headers\": {}, \"properties\": {\"delivery_mode\": 2, \"delivery_info\": {\"exchange\": \"\", "
        + "\"routing_key\": \"" + queue + "\"}, \"priority\": 0, \"body_encoding\": \"base64\", \"delivery_tag\": \""
        + UUID.randomUUID() + "\"}}";
  }

  /** @return messages per second for one LPUSH per message */
  double singlePublish(String queue, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      jedis.lpush(queue, envelope(queue));
    }
    return perSecond(n, System.nanoTime() - start);
  }

  /** @return messages per second for a pipeline of {@code batch} LPUSHes per round trip */
  double pipelinedPublish(String queue, int n, int batch) {
    long start = System.nanoTime();
    for (int done = 0; done < n; done += batch) {
      try (PipelineBase p = jedis.pipelined()) {
        for (int i = 0; i < batch && done + i < n; i++) {
          p.lpush(queue, envelope(queue));
        }
        p.sync();
      }
    }
    return perSecond(n, System.nanoTime() - start);
  }

  /** @return messages per second taking, recording unacked and acknowledging {@code n} waiting messages */
  double consumeAck(String queue, int n) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String payload = jedis.rpop(queue);
      if (payload == null) {
        KeyValue<String, String> kv = jedis.brpop(1.0, queue);
        if (kv == null) {
          throw new IllegalStateException("raw consume found queue " + queue + " empty after " + i + " messages");
        }
        payload = kv.getValue();
      }
      settle(queue, payload);
    }
    return perSecond(n, System.nanoTime() - start);
  }

  private void settle(String queue, String payload) {
    String tag = tagOf(payload);
    try (PipelineBase p = jedis.pipelined()) {
      p.zadd(UNACKED_INDEX, System.currentTimeMillis() / 1000.0, tag);
      p.hset(UNACKED, tag, "[" + payload + ", \"\", \"" + queue + "\"]");
      p.sync();
    }
    try (PipelineBase p = jedis.pipelined()) {
      p.zrem(UNACKED_INDEX, tag);
      p.hdel(UNACKED, tag);
      p.sync();
    }
  }

  private static String tagOf(String payload) {
    String marker = "\"delivery_tag\": \"";
    int at = payload.lastIndexOf(marker) + marker.length();
    return payload.substring(at, payload.indexOf('"', at));
  }

  /**
   * @param withAck also record and settle the unacked entry as Kombu does (two more round trips)
   * @return nanoseconds of each publish-then-receive-one round trip
   */
  long[] roundTrips(String queue, int iterations, boolean withAck) {
    long[] out = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      jedis.lpush(queue, envelope(queue));
      KeyValue<String, String> kv = jedis.brpop(1.0, queue);
      if (kv == null) {
        throw new IllegalStateException("raw round trip: BRPOP on " + queue + " returned nothing");
      }
      if (withAck) {
        settle(queue, kv.getValue());
      }
      out[i] = System.nanoTime() - start;
    }
    return out;
  }

  static double perSecond(int n, long nanos) {
    return n / (nanos / 1e9);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RawJedisBench(body %d base64 chars)", body64.length());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
