package io.kombu.serialization;

import static io.kombu.serialization.TestValues.comparable;
import static io.kombu.serialization.TestValues.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.serialization.json.JsonSerializer;
import io.kombu.serialization.msgpack.MsgpackSerializer;
import io.kombu.serialization.yaml.YamlSerializer;
import io.kombu.spi.Serializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every json, msgpack and yaml body in the spec's wire samples (copied under src/test/resources/wire-samples), captured
 * from Python Kombu 5.2.4 and Celery 5.2.6. The fixtures are read with Jackson databind, not with the codecs under
 * test.
 */
@DisplayName("Wire samples captured from Python Kombu and Celery")
class WireSamplesTest {
  private static final ObjectMapper FIXTURES = new ObjectMapper();
  private static final Map<String, Serializer> BY_TYPE =
      Map.of(
          "application/json", new JsonSerializer(),
          "application/x-msgpack", new MsgpackSerializer(),
          "application/x-yaml", new YamlSerializer());

  record Body(String where, String contentType, byte[] bytes, Object expected) {
    @Override
    public String toString() {
      return where + " (" + contentType + ")";
    }
  }

  static Stream<Arguments> bodies() throws IOException {
    List<Body> bodies = new ArrayList<>();
    JsonNode redis = tree("/wire-samples/redis/messages-decoded.json").get("lists_and_pubsub_decoded");
    for (Iterator<Map.Entry<String, JsonNode>> it = redis.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> list = it.next();
      int i = 0;
      for (JsonNode item : list.getValue()) {
        String type = item.get("envelope").get("content-type").asText();
        if (BY_TYPE.containsKey(type)) {
          bodies.add(new Body("redis " + list.getKey() + "[" + i + "]", type,
              HexFormat.of().parseHex(item.get("body_bytes_hex").asText()), value(item.get("decoded_body"))));
        }
        i++;
      }
    }
    JsonNode amqp = tree("/wire-samples/amqp/messages.json").get("basic_get");
    for (Iterator<Map.Entry<String, JsonNode>> it = amqp.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> queue = it.next();
      int i = 0;
      for (JsonNode message : queue.getValue()) {
        String type = message.get("content_type").asText();
        boolean compressed = message.path("headers").has("compression");
        if (BY_TYPE.containsKey(type) && !compressed) {
          bodies.add(new Body("amqp " + queue.getKey() + "[" + i + "]", type,
              HexFormat.of().parseHex(message.get("body_hex").asText()), value(message.get("decoded"))));
        }
        i++;
      }
    }
    JsonNode celery = tree("/wire-samples/celery/celery-envelopes.json");
    int i = 0;
    for (JsonNode message : celery.get("amqp").get("messages_oldest_first")) {
      bodies.add(new Body("celery amqp task " + i++, "application/json",
          message.get("body_text").asText().getBytes(StandardCharsets.UTF_8), value(message.get("body_decoded_json"))));
    }
    // The Redis list items are envelopes that Kombu itself wrote with its json serializer.
    for (Iterator<Map.Entry<String, JsonNode>> it = celery.get("redis").get("keys").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> key = it.next();
      if ("list".equals(key.getValue().get("type").asText())) {
        for (JsonNode envelope : key.getValue().get("value")) {
          String text = envelope.asText();
          bodies.add(new Body("celery redis envelope in " + key.getKey().replace("\u0006\u0016", "\\x06\\x16"),
              "application/json", text.getBytes(StandardCharsets.UTF_8), value(FIXTURES.readTree(text))));
        }
      }
    }
    JsonNode snapshot = tree("/wire-samples/redis/01-after-publish.json");
    for (Iterator<Map.Entry<String, JsonNode>> it = snapshot.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> key = it.next();
      if ("list".equals(key.getValue().get("type").asText())) {
        int n = 0;
        for (JsonNode envelope : key.getValue().get("value")) {
          String text = envelope.asText();
          bodies.add(new Body("redis envelope " + key.getKey().replace("\u0006\u0016", "\\x06\\x16") + "[" + n++ + "]",
              "application/json", text.getBytes(StandardCharsets.UTF_8), value(FIXTURES.readTree(text))));
        }
      }
    }
    return bodies.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @DisplayName("decodes the captured body to the value Python decoded")
  void decodesCapturedBody(Body body) {
    Object decoded = BY_TYPE.get(body.contentType()).decode(body.bytes());

    assertThat(comparable(decoded)).isEqualTo(comparable(body.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @DisplayName("re-encodes the decoded value to exactly the captured bytes (byte-for-byte)")
  void reEncodesCapturedBytes(Body body) {
    Serializer serializer = BY_TYPE.get(body.contentType());

    byte[] encoded = serializer.encode(serializer.decode(body.bytes()));

    assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(new String(body.bytes(), StandardCharsets.UTF_8));
    assertThat(encoded).isEqualTo(body.bytes());
  }

  private static JsonNode tree(String path) throws IOException {
    return FIXTURES.readTree(resource(path));
  }

  private static Object value(JsonNode node) throws IOException {
    return FIXTURES.treeToValue(node, Object.class);
  }
}
