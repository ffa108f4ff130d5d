package io.kombu.transport.sqs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.core.virtual.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SQS message bodies are encoded and decoded as Kombu does")
class BodyCodecTest {
  /** A body Python Kombu 5.2.4 stored in ElasticMQ (shared/spec/wire-samples/sqs/kombu-on-elasticmq.json). */
  private static final String KOMBU_BODY = "eyJib2R5IjogImV5Sm9aV3hzYnlJNklDSjNiM0pzWkNJc0lDSnVJam9nTVgwPSIsICJjb250ZW50LWVuY29kaW5nIjogInV0Zi04IiwgImNvbnRlbnQtdHlwZSI6ICJhcHBsaWNhdGlvbi9qc29uIiwgImhlYWRlcnMiOiB7IngtYXBwIjogIndpcmUifSwgInByb3BlcnRpZXMiOiB7Im1lc3NhZ2VfaWQiOiAiMTExMTExMTEtMjIyMi0zMzMzLTQ0NDQtNTU1NTU1NTU1NTU1IiwgImRlbGl2ZXJ5X21vZGUiOiAyLCAiZGVsaXZlcnlfaW5mbyI6IHsiZXhjaGFuZ2UiOiAid2lyZS5zcXMuZXgiLCAicm91dGluZ19rZXkiOiAid2lyZS5zcXMucXVldWUifSwgInByaW9yaXR5IjogNSwgImJvZHlfZW5jb2RpbmciOiAiYmFzZTY0IiwgImRlbGl2ZXJ5X3RhZyI6ICJjMWU4NzRhMy1iYTA2LTQ4NDgtYjFhNS0xZmVjZDYwZTE3MTAifX0=";

  @Test
  @DisplayName("a body written by Python Kombu decodes to its envelope, whose own body is base64 again")
  void decodesPythonKombuBody() {
    Map<String, Object> map = BodyCodec.decode(KOMBU_BODY);
    Envelope e = Envelope.fromMap(map);

    assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\": \"world\", \"n\": 1}");
    assertThat(e.headers()).containsEntry("x-app", "wire");
    assertThat(e.contentType()).isEqualTo("application/json");
    assertThat(e.priority()).isEqualTo(5);
    assertThat(e.exchange()).isEqualTo("wire.sqs.ex");
    assertThat(e.routingKey()).isEqualTo("wire.sqs.queue");
  }

  @Test
  @DisplayName("with sqs_base64_encoding the body is base64 of the envelope JSON, and it decodes back")
  void roundTrip() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("delivery_info", Map.of("exchange", "x", "routing_key", "k"));
    props.put("body_encoding", "base64");
    props.put("delivery_tag", "t1");
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("body", Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8)));
    env.put("content-type", "text/plain");
    env.put("headers", Map.of("n", 1));
    env.put("properties", props);

    String encoded = BodyCodec.encode(env, true);
    String json = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);

    assertThat(json).startsWith("{\"body\":");
    assertThat(BodyCodec.decode(encoded)).isEqualTo(BodyCodec.decode(BodyCodec.encode(env, false)));
    assertThat(new String(Envelope.fromMap(BodyCodec.decode(encoded)).body(), StandardCharsets.UTF_8))
        .isEqualTo("héllo");
  }

  @Test
  @DisplayName("text that only looks like base64 is kept when it does not decode to UTF-8")
  void maybeBase64() {
    assertThat(BodyCodec.maybeBase64("  aGVsbG8=\n")).isEqualTo("hello");
    assertThat(BodyCodec.maybeBase64("test")).as("decodes to invalid UTF-8").isEqualTo("test");
    assertThat(BodyCodec.maybeBase64("hello")).as("length not a multiple of 4").isEqualTo("hello");
    assertThat(BodyCodec.maybeBase64("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
    assertThat(BodyCodec.maybeBase64("aGVsbG8")).as("unpadded").isEqualTo("aGVsbG8");
  }

  @Test
  @DisplayName("a foreign body without properties is wrapped as Kombu wraps it")
  void foreignBody() {
    Map<String, Object> plain = BodyCodec.decode("just text");
    assertThat(plain.get("body")).isEqualTo("just text");
    assertThat(plain.get("properties")).isEqualTo(Map.of("delivery_info", Map.of()));

    Map<String, Object> json = BodyCodec.decode("{\"task\": \"add\"}");
    assertThat(json.get("body")).isEqualTo("{\"task\": \"add\"}");

    assertThat(BodyCodec.decode("[1, 2]").get("body")).isEqualTo("[1, 2]");
  }
}
