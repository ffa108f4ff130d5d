package io.kombu.core.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.DecodeException;
import io.kombu.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Envelope is Kombu's virtual message layout")
class EnvelopeTest {
  private static final String TAG = "9154908e-7256-4592-9f1d-97cab3a87711";

  /** The envelope Python Kombu 5 wrote to Redis (wire-samples/redis/messages-decoded.json, the "props" message). */
  private static Map<String, Object> pythonSample() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("exchange", "wire.direct");
    info.put("routing_key", "wire.key");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("correlation_id", "corr-1");
    props.put("reply_to", "wire.reply");
    props.put("type", "wire.type");
    props.put("user_id", "guest");
    props.put("app_id", "wire-app");
    props.put("timestamp", 1700000000);
    props.put("delivery_mode", 1);
    props.put("expiration", "60000");
    props.put("delivery_info", info);
    props.put("priority", 0);
    props.put("body_encoding", "base64");
    props.put("delivery_tag", TAG);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("body", "eyJraW5kIjogInByb3BzIiwgIm4iOiA2fQ==");
    m.put("content-encoding", "utf-8");
    m.put("content-type", "application/json");
    m.put("headers", new LinkedHashMap<>());
    m.put("properties", props);
    return m;
  }

  private static final byte[] SAMPLE_BODY = HexFormat.of().parseHex("7b226b696e64223a202270726f7073222c20226e223a20367d");

  @SuppressWarnings("unchecked")
  private static List<String> propertyKeys(Map<String, Object> envelopeMap) {
    return List.copyOf(((Map<String, Object>) envelopeMap.get("properties")).keySet());
  }

  @Test
  @DisplayName("parsing Python's envelope decodes the base64 body and reads delivery info, tag and priority")
  void parsesPythonEnvelope() {
    Envelope e = Envelope.fromMap(pythonSample());
    assertThat(e.body()).isEqualTo(SAMPLE_BODY);
    assertThat(e.contentType()).isEqualTo("application/json");
    assertThat(e.contentEncoding()).isEqualTo("utf-8");
    assertThat(e.deliveryTag()).isEqualTo(TAG);
    assertThat(e.exchange()).isEqualTo("wire.direct");
    assertThat(e.routingKey()).isEqualTo("wire.key");
    assertThat(e.priority()).isZero();
    assertThat(e.bodyEncoding()).isEqualTo("base64");
    assertThat(e.redelivered()).isFalse();
  }

  @Test
  @DisplayName("toMap of a parsed Python envelope gives back the same map in the same key order")
  void roundTripIsExact() {
    Map<String, Object> back = Envelope.fromMap(pythonSample()).toMap();
    assertThat(back).isEqualTo(pythonSample());
    assertThat(back.keySet()).containsExactly("body", "content-encoding", "content-type", "headers", "properties");
    assertThat(propertyKeys(back)).isEqualTo(propertyKeys(pythonSample()));
  }

  @Test
  @DisplayName("a Java publish with the same message produces Python's envelope exactly, priority moved after delivery_info")
  void publishMatchesPython() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("correlation_id", "corr-1");
    props.put("reply_to", "wire.reply");
    props.put("type", "wire.type");
    props.put("user_id", "guest");
    props.put("app_id", "wire-app");
    props.put("timestamp", 1700000000);
    props.put("priority", 0);
    props.put("delivery_mode", 1);
    props.put("expiration", "60000");
    OutboundMessage msg = new OutboundMessage(SAMPLE_BODY, "application/json", "utf-8", Map.of(), props);
    Map<String, Object> map = Envelope.forPublish(msg, "wire.direct", "wire.key", "base64", TAG).toMap();
    assertThat(map).isEqualTo(pythonSample());
    assertThat(propertyKeys(map)).isEqualTo(propertyKeys(pythonSample()));
  }

  @Test
  @DisplayName("without a priority property the envelope says priority 0; headers are copied")
  void defaults() {
    OutboundMessage msg = new OutboundMessage(new byte[] {1, 2}, null, null, Map.of("x", 1), Map.of());
    Map<String, Object> map = Envelope.forPublish(msg, "", "q", "base64", "t").toMap();
    assertThat(propertyKeys(map)).containsExactly("delivery_info", "priority", "body_encoding", "delivery_tag");
    assertThat(map.get("headers")).isEqualTo(Map.of("x", 1));
    assertThat(map.get("body")).isEqualTo("AQI=");
  }

  @Test
  @DisplayName("body_encoding utf-8 or none leaves the body as text")
  void identityEncoding() {
    OutboundMessage msg = new OutboundMessage("h\u00e9".getBytes(StandardCharsets.UTF_8), "text/plain", "utf-8",
        Map.of(), Map.of());
    Envelope e = Envelope.forPublish(msg, "", "q", null, "t");
    assertThat(e.toMap().get("body")).isEqualTo("h\u00e9");
    assertThat(Envelope.fromMap(e.toMap()).body()).isEqualTo(msg.body());
    Envelope u = Envelope.forPublish(msg, "", "q", "UTF-8", "t");
    assertThat(u.toMap().get("body")).isEqualTo("h\u00e9");
    assertThatThrownBy(() -> Envelope.checkBodyEncoding("rot13")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rot13").hasMessageContaining("base64");
  }

  @Test
  @DisplayName("a stored message without properties or delivery_tag is refused with a DecodeException")
  void missingPropertiesFail() {
    assertThatThrownBy(() -> Envelope.fromMap(Map.of("body", "x"))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("properties");
    assertThatThrownBy(() -> Envelope.fromMap(Map.of("body", "x", "properties", Map.of())))
        .isInstanceOf(DecodeException.class).hasMessageContaining("delivery_tag");
    Map<String, Object> badEncoding = new LinkedHashMap<>(pythonSample());
    badEncoding.put("properties", Map.of("delivery_tag", "t", "body_encoding", "rot13"));
    assertThatThrownBy(() -> Envelope.fromMap(badEncoding)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("rot13");
  }

  @Test
  @DisplayName("withRedelivered adds a top-level redelivered flag and keeps the delivery tag")
  void redelivered() {
    Envelope e = Envelope.fromMap(pythonSample()).withRedelivered();
    assertThat(e.redelivered()).isTrue();
    assertThat(e.deliveryTag()).isEqualTo(TAG);
    assertThat(e.toMap()).containsEntry("redelivered", true);
    assertThat(Envelope.fromMap(e.toMap()).redelivered()).isTrue();
    assertThat(Envelope.fromMap(pythonSample()).withDeliveryInfo("redelivered", true).redelivered()).isTrue();
  }

  @Test
  @DisplayName("spec case 45: priority 5 -> 5, -10 -> 0, 19 -> 9, \"foobar\" -> 0, reversed(2) -> 7")
  void priorities() {
    assertThat(Envelope.priorityOf(5)).isEqualTo(5);
    assertThat(Envelope.priorityOf(-10)).isZero();
    assertThat(Envelope.priorityOf(19)).isEqualTo(9);
    assertThat(Envelope.priorityOf("foobar")).isZero();
    assertThat(Envelope.priorityOf("7")).isEqualTo(7);
    assertThat(Envelope.priorityOf(null)).isZero();
    assertThat(Envelope.reversedPriorityOf(2)).isEqualTo(7);
  }

  @Test
  @DisplayName("with* copies keep property order and leave the original unchanged")
  void copies() {
    Envelope e = Envelope.fromMap(pythonSample());
    Envelope changed = e.withProperty("priority", 3).withHeader("h", "v");
    assertThat(changed.priority()).isEqualTo(3);
    assertThat(changed.headers()).containsEntry("h", "v");
    assertThat(propertyKeys(changed.toMap())).isEqualTo(propertyKeys(pythonSample()));
    assertThat(e.priority()).isZero();
    assertThat(e).isEqualTo(Envelope.fromMap(pythonSample())).hasSameHashCodeAs(Envelope.fromMap(pythonSample()));
    assertThat(changed).isNotEqualTo(e);
  }
}
