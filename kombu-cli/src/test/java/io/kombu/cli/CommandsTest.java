package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("kombu commands on memory://")
class CommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String unique(String prefix) {
    return prefix + "." + UUID.randomUUID();
  }

  private static JsonNode onlyLine(CliRun run) throws Exception {
    String[] lines = run.out().strip().split("\\R");
    assertThat(lines).hasSize(1);
    return JSON.readTree(lines[0]);
  }

  @Test
  @DisplayName("demo publishes across three serializers, consumes everything with acks and prints a summary")
  void demoPrintsSummary() {
    CliRun run = CliRun.of("demo", "--messages", "300");

    assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("memory transport")
        .contains("Published 300 messages")
        .contains("Consumed and acked 300 messages")
        .contains("application/json=100", "application/x-msgpack=100", "application/x-yaml=100")
        .contains("hipri.video=100", "midpri.video=100", "lopri.video=100")
        .contains("Compressed (zlib): 75")
        .contains("published 300/300 (100%)")
        .doesNotContain("\r");
  }

  @Test
  @DisplayName("publish then consume round-trips the body, headers, properties and delivery info")
  void publishThenConsumeRoundTrips() throws Exception {
    String exchange = unique("cli.x");
    String queue = unique("cli.q");
    CliRun published = CliRun.of("publish", "memory://", "--exchange", exchange, "--type", "topic",
        "--routing-key", "orders.created", "--declare-queue", queue + "=orders.#", "--json", "{\"id\": 42, \"tags\": [\"a\"]}",
        "--serializer", "msgpack", "--compression", "zlib", "--header", "trace=abc", "--header", "origin=cli",
        "--priority", "5", "--delivery-mode", "1");
    assertThat(published.status()).as(published.err()).isEqualTo(ExitCodes.OK);
    assertThat(published.out()).contains("Published 1 message to exchange '" + exchange + "'");

    CliRun consumed = CliRun.of("consume", "memory://", "--queue", queue, "--count", "1", "--timeout", "5",
        "--accept", "json,msgpack");

    assertThat(consumed.status()).as(consumed.err()).isEqualTo(ExitCodes.OK);
    JsonNode line = onlyLine(consumed);
    assertThat(line.get("body").isObject()).as(consumed.out()).isTrue();
    assertThat(line.get("body").get("id").asInt()).isEqualTo(42);
    assertThat(line.get("body").get("tags").get(0).asText()).isEqualTo("a");
    assertThat(line.get("content_type").asText()).isEqualTo("application/x-msgpack");
    assertThat(line.get("content_encoding").asText()).isEqualTo("binary");
    assertThat(line.get("headers").get("trace").asText()).isEqualTo("abc");
    assertThat(line.get("headers").get("origin").asText()).isEqualTo("cli");
    assertThat(line.get("headers").get("compression").asText()).as("Kombu names zlib by this type").isEqualTo("application/x-gzip");
    assertThat(line.get("properties").get("priority").asInt()).isEqualTo(5);
    assertThat(line.get("properties").get("delivery_mode").asInt()).isEqualTo(1);
    assertThat(line.get("delivery_info").get("exchange").asText()).isEqualTo(exchange);
    assertThat(line.get("delivery_info").get("routing_key").asText()).isEqualTo("orders.created");
    assertThat(line.get("body_base64").asText()).isNotEmpty();

    assertThat(CliRun.of("queue", "memory://", queue).out()).as("acked, so gone").contains("messages: 0");
  }

  @Test
  @DisplayName("--no-declare publishes to an exchange declared with other properties, which a declare would refuse")
  void noDeclareUsesTheExchangeAsItIs() {
    String exchange = unique("cli.x");
    String queue = unique("cli.q");
    assertThat(CliRun.of("publish", "memory://", "--exchange", exchange, "--type", "fanout", "--routing-key", "any",
        "--declare-queue", queue, "--text", "first").status()).isZero();

    CliRun redeclaring = CliRun.of("publish", "memory://", "--exchange", exchange, "--type", "direct",
        "--routing-key", "any", "--text", "second");
    CliRun asItIs = CliRun.of("publish", "memory://", "--exchange", exchange, "--type", "direct", "--no-declare",
        "--routing-key", "any", "--text", "third");

    assertThat(redeclaring.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(redeclaring.err()).startsWith("kombu: error: ");
    assertThat(asItIs.status()).as(asItIs.err()).isZero();
    assertThat(CliRun.of("queue", "memory://", queue).out()).contains("messages: 2");
  }

  @Test
  @DisplayName("text and file bodies arrive as text/plain and application/data with their exact bytes")
  void textAndFileBodies(@TempDir Path dir) throws Exception {
    String queue = unique("cli.q");
    byte[] bytes = {0, 1, 2, (byte) 0xff, 'k'};
    Path file = Files.write(dir.resolve("body.bin"), bytes);
    assertThat(CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue, "--declare-queue", queue,
        "--text", "héllo").status()).isZero();
    assertThat(CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue,
        "--body-file", file.toString()).status()).isZero();

    CliRun consumed = CliRun.of("consume", "memory://", "--queue", queue, "--count", "2", "--timeout", "5");

    assertThat(consumed.status()).as(consumed.err()).isZero();
    String[] lines = consumed.out().strip().split("\\R");
    assertThat(lines).hasSize(2);
    JsonNode text = JSON.readTree(lines[0]);
    JsonNode file1 = JSON.readTree(lines[1]);
    assertThat(text.get("body").asText()).isEqualTo("héllo");
    assertThat(text.get("content_type").asText()).isEqualTo("text/plain");
    assertThat(Base64.getDecoder().decode(text.get("body_base64").asText()))
        .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    assertThat(file1.get("content_type").asText()).isEqualTo("application/data");
    assertThat(Base64.getDecoder().decode(file1.get("body_base64").asText())).isEqualTo(bytes);
  }

  @Test
  @DisplayName("bzip2 and lzma compressed bodies round-trip (their pure-Java libraries ship with the command)")
  void pureJavaCompressors() throws Exception {
    for (String codec : new String[] {"bzip2", "lzma"}) {
      String queue = unique("cli.q");
      CliRun published = CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue,
          "--declare-queue", queue, "--json", "{\"codec\": \"" + codec + "\"}", "--compression", codec);
      assertThat(published.status()).as(published.err()).isZero();

      JsonNode line = onlyLine(CliRun.of("consume", "memory://", "--queue", queue, "--count", "1", "--timeout", "5"));

      assertThat(line.get("body").get("codec").asText()).isEqualTo(codec);
      assertThat(line.get("headers").get("compression").asText()).isNotBlank();
    }
  }

  @Test
  @DisplayName("a content type outside --accept prints body null and keeps the raw bytes")
  void notAcceptedBodyIsNull() throws Exception {
    String queue = unique("cli.q");
    CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue, "--declare-queue", queue,
        "--json", "[1,2]", "--serializer", "yaml");

    CliRun consumed = CliRun.of("consume", "memory://", "--queue", queue, "--count", "1", "--timeout", "5",
        "--accept", "json,msgpack");

    assertThat(consumed.status()).as(consumed.err()).isZero();
    JsonNode line = onlyLine(consumed);
    assertThat(line.get("body").isNull()).isTrue();
    assertThat(new String(Base64.getDecoder().decode(line.get("body_base64").asText()), StandardCharsets.UTF_8))
        .contains("1").contains("2");
  }

  @Test
  @DisplayName("consume --count exits with status 3 when the timeout passes first")
  void consumeTimesOut() {
    String queue = unique("cli.q");

    CliRun run = CliRun.of("consume", "memory://", "--queue", queue, "--exchange", unique("cli.x"), "--count", "1",
        "--timeout", "0.3");

    assertThat(run.status()).isEqualTo(ExitCodes.TIMEOUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("timed out").contains("0 of 1");
  }

  @Test
  @DisplayName("consume without --count drains the queue and ends with success at the timeout")
  void consumeWithoutCountEndsAtTimeout() {
    String queue = unique("cli.q");
    CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue, "--declare-queue", queue,
        "--text", "x", "--count", "3");

    CliRun run = CliRun.of("consume", "memory://", "--queue", queue, "--timeout", "0.5");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().strip().split("\\R")).hasSize(3);
  }

  @Test
  @DisplayName("--no-ack consumes exactly --count messages and leaves the rest in the queue")
  void noAckLeavesTheRest() {
    String queue = unique("cli.q");
    CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue, "--declare-queue", queue,
        "--text", "x", "--count", "5");

    CliRun run = CliRun.of("consume", "memory://", "--queue", queue, "--count", "2", "--no-ack", "--timeout", "5");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().strip().split("\\R")).hasSize(2);
    assertThat(CliRun.of("queue", "memory://", queue).out()).contains("messages: 3");
  }

  @Test
  @DisplayName("queue shows the counts and purge empties the queue and says how many went")
  void queueAndPurgeCounts() {
    String queue = unique("cli.q");
    CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", queue, "--declare-queue", queue,
        "--json", "{\"n\": 1}", "--count", "4");

    CliRun before = CliRun.of("queue", "memory://", queue);
    CliRun purge = CliRun.of("purge", "memory://", queue);
    CliRun after = CliRun.of("queue", "memory://", queue);

    assertThat(before.status()).isZero();
    assertThat(before.out()).contains("name: " + queue).contains("messages: 4").contains("consumers: 0");
    assertThat(purge.out()).contains("Purged 4 messages from queue '" + queue + "'");
    assertThat(after.out()).contains("messages: 0");
  }

  @Test
  @DisplayName("queue and purge of a queue that does not exist fail with one line")
  void missingQueueFails() {
    String queue = unique("cli.missing");

    for (String command : new String[] {"queue", "purge"}) {
      CliRun run = CliRun.of(command, "memory://", queue);
      assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err()).startsWith("kombu: error: ").contains(queue);
      assertThat(run.err().strip().lines()).hasSize(1);
    }
  }

  @Test
  @DisplayName("--version names the version, the JVM and the transports on the class path")
  void versionListsTransports() {
    CliRun run = CliRun.of("--version");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("kombu ").contains("Java ").contains("memory").contains("amqp").contains("redis");
    assertThat(run.out()).doesNotContain("unknown").doesNotContain("${project.version}");
  }

  @Test
  @DisplayName("a missing required option is a usage error with status 2")
  void usageErrors() {
    CliRun run = CliRun.of("consume", "memory://");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--queue");
  }

  @Test
  @DisplayName("publish rejects invalid JSON and an unknown delivery mode with one line each")
  void publishArgumentErrors() {
    CliRun badJson = CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", "k", "--json", "{nope");
    CliRun badMode = CliRun.of("publish", "memory://", "--exchange", "", "--routing-key", "k", "--text", "x",
        "--delivery-mode", "7");

    assertThat(badJson.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(badJson.err()).startsWith("kombu: error: --json is not valid JSON");
    assertThat(badMode.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(badMode.err()).contains("--delivery-mode must be 1");
  }
}
