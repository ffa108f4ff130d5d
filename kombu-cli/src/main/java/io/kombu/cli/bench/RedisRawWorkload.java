package io.kombu.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kombu.ConnectionException;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.KombuTimeoutException;
import io.kombu.core.BrokerUrls;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The raw counterpart of {@code redis://}: Jedis {@code LPUSH} of a Kombu-like JSON envelope (base64 body, content type,
 * properties with a delivery tag) and {@code BRPOP}, decoding the envelope and the body. Redis lists have no
 * acknowledgement: what Kombu adds on top (the unacked hash and index that make acks and restore possible) is exactly
 * the difference this workload shows.
 *
 * <p>Thread-safety: not thread-safe (one Jedis connection).
 */
final class RedisRawWorkload implements BenchWorkload {
  private final Jedis jedis;
  private final String queue;
  private final BenchPayload payload;
  private final BenchSettings settings;

  RedisRawWorkload(String url, String queue, BenchSettings settings) {
    this.queue = queue;
    this.settings = settings;
    this.payload = new BenchPayload(settings.sizeBytes());
    try {
      this.jedis = new Jedis(URI.create(url));
      jedis.ping();
      jedis.del(queue);
    } catch (JedisException | IllegalArgumentException e) {
      throw new ConnectionException("raw Jedis could not open " + BrokerUrls.mask(url) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "raw jedis";
  }

  @Override
  public void publish(int sequence) {
    Map<String, Object> deliveryInfo = new LinkedHashMap<>();
    deliveryInfo.put("exchange", "");
    deliveryInfo.put("routing_key", queue);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("delivery_mode", 2);
    properties.put("delivery_info", deliveryInfo);
    properties.put("priority", 0);
    properties.put("body_encoding", "base64");
    properties.put("delivery_tag", UUID.randomUUID().toString());
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("body", Base64.getEncoder().encodeToString(payload.json(sequence)));
    envelope.put("content-encoding", "utf-8");
    envelope.put("content-type", "application/json");
    envelope.put("headers", Map.of());
    envelope.put("properties", properties);
    try {
      jedis.lpush(queue, BenchPayload.JSON.writeValueAsString(envelope));
    } catch (JsonProcessingException e) {
      throw new EncodeException("cannot encode the benchmark envelope: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public void consume(int count) {
    int waitSeconds = (int) Math.max(1, settings.messageWait().toSeconds());
    for (int i = 0; i < count; i++) {
      List<String> popped = jedis.brpop(waitSeconds, queue);
      if (popped == null || popped.size() < 2) {
        throw new KombuTimeoutException("bench: raw Jedis BRPOP returned nothing for " + waitSeconds + " s");
      }
      try {
        Map<?, ?> envelope = BenchPayload.JSON.readValue(popped.get(1), Map.class);
        BenchPayload.parse(Base64.getDecoder().decode(String.valueOf(envelope.get("body"))));
      } catch (JsonProcessingException e) {
        throw new DecodeException("cannot decode a benchmark envelope: " + e.getOriginalMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    try {
      jedis.del(queue);
    } finally {
      jedis.close();
    }
  }
}
