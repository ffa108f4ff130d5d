package io.kombu.transport.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.transport.mongo.internal.PythonJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python Kombu 5.2.4's MongoDB transport (pymongo 3.11, {@code /usr/bin/python3}) and this transport on one
 * mongo-java-server in this JVM (not a real MongoDB), in both directions. Python Kombu cannot connect to that server
 * unless {@code messages.broadcast} exists (it cannot create the capped collection), so each test creates it first as a
 * plain collection; fanout is therefore not exercised. Skipped, with the reason, when Python, Kombu or pymongo is
 * missing.
 */
@DisplayName("interop with Python Kombu's MongoDB transport (mongo-java-server stand-in, not a real MongoDB)")
class MongoPythonInteropFakeBrokerIT {
  private static final String PYTHON = "/usr/bin/python3";
  private static final TransportOptions FAST = TransportOptions.of(Map.of("polling_interval", 0.01));
  private static FakeMongoServer server;
  private static MongoClient client;
  private static Path script;
  private String url;
  private final List<Connection> connections = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    server = new FakeMongoServer();
    client = MongoClients.create("mongodb://127.0.0.1:" + server.port());
    script = dir.resolve("kombu_mongo_peer.py");
    try (InputStream in = MongoPythonInteropFakeBrokerIT.class.getResourceAsStream("/python/kombu_mongo_peer.py")) {
      Files.copy(in, script);
    }
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void requirePythonKombu() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing");
    Result probe = run(List.of(PYTHON, "-c", "import kombu, pymongo; print(kombu.__version__, pymongo.version)"));
    assumeTrue(probe.exit == 0, "Python Kombu with pymongo is not installed (apt-get install python3-kombu "
        + "python3-pymongo): " + probe.err);
    String database = "interop_" + UUID.randomUUID().toString().substring(0, 8);
    url = server.url(database);
    // Kombu 5.2.4 would fail on connect with "Creating capped collections is not yet implemented" otherwise.
    client.getDatabase(database).createCollection("messages.broadcast");
  }

  @AfterEach
  void close() {
    connections.forEach(Connection::close);
  }

  private Connection connect() {
    Connection c = Kombu.connect(url, FAST);
    connections.add(c);
    return c;
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(done ? p.exitValue() : -1, out, err);
  }

  private List<Map<?, ?>> python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), url));
    command.addAll(List.of(args));
    Result r = run(command);
    assertThat(r.exit).as("python %s exit code; stderr: %s", List.of(args), r.err).isZero();
    List<Map<?, ?>> lines = new ArrayList<>();
    for (String line : r.out.split("\n")) {
      if (!line.isBlank()) {
        lines.add((Map<?, ?>) PythonJson.loads(line));
      }
    }
    return lines;
  }

  @Test
  @DisplayName("Java publishes, Python's SimpleQueue receives the same payload, headers and priority")
  void javaToPython() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", 42);
    body.put("text", "grüße");
    connect().producer().publish(body, PublishOptions.builder().routingKey("j2p").priority(4)
        .headers(Map.of("x-from", "java")).build());

    List<Map<?, ?>> got = python("consume", "j2p", "1");

    assertThat(got).hasSize(1);
    assertThat(got.get(0).get("payload")).isEqualTo(Map.of("id", 42, "text", "grüße"));
    assertThat(got.get(0).get("headers")).isEqualTo(Map.of("x-from", "java"));
    assertThat(got.get(0).get("priority")).isEqualTo(4);
    assertThat(got.get(0).get("content_type")).isEqualTo("application/json");
  }

  @Test
  @DisplayName("Python publishes, Java receives the same payload and headers")
  void pythonToJava() throws Exception {
    python("publish", "p2j", "{\"id\": 7, \"tags\": [\"a\", \"b\"]}", "0");

    Optional<Message> got = connect().defaultChannel().get("p2j", true, null);

    assertThat(got).isPresent();
    assertThat(got.get().decode()).isEqualTo(Map.of("id", 7, "tags", List.of("a", "b")));
    assertThat(got.get().headers()).containsEntry("x-from", "python");
    assertThat(got.get().contentType()).isEqualTo("application/json");
  }

  @Test
  @DisplayName("messages Python publishes with priorities 1, 9, 5 reach Java highest first")
  void pythonPrioritiesInJava() throws Exception {
    for (int p : new int[] {1, 9, 5}) {
      python("publish", "prio", "{\"p\": " + p + "}", Integer.toString(p));
    }
    List<Object> order = new ArrayList<>();
    Connection conn = connect();
    for (int i = 0; i < 3; i++) {
      order.add(conn.defaultChannel().get("prio", true, null).orElseThrow().decode());
    }

    assertThat(order).containsExactly(Map.of("p", 9), Map.of("p", 5), Map.of("p", 1));
  }

  @Test
  @DisplayName("messages Java publishes with priorities 0, 8, 3 reach Python highest first, equal ones in order")
  void javaPrioritiesInPython() throws Exception {
    Connection conn = connect();
    int[] priorities = {0, 8, 3, 8};
    for (int i = 0; i < priorities.length; i++) {
      conn.producer().publish(Map.of("i", i), PublishOptions.builder().routingKey("jprio")
          .priority(priorities[i]).build());
    }

    List<Map<?, ?>> got = python("consume", "jprio", "4");

    assertThat(got).extracting(m -> (Object) m.get("payload"))
        .containsExactly(Map.of("i", 1), Map.of("i", 3), Map.of("i", 2), Map.of("i", 0));
  }

  @Test
  @DisplayName("a topic binding Python made routes Java's publishes to Python's queue (shared routing collection)")
  void pythonBindingRoutesJavaPublish() throws Exception {
    python("bind_topic", "interop.topic", "interop.audit", "orders.#");
    Connection conn = connect();
    Exchange topic = Exchange.builder("interop.topic").type(ExchangeType.TOPIC).build();
    conn.defaultChannel().declare(topic);

    conn.producer().publish(Map.of("order", 1), PublishOptions.builder().exchange(topic)
        .routingKey("orders.created").build());
    conn.producer().publish(Map.of("order", 2), PublishOptions.builder().exchange(topic)
        .routingKey("invoices.created").build());

    List<Map<?, ?>> got = python("consume_bound", "interop.topic", "interop.audit", "orders.#", "1");
    assertThat(got).extracting(m -> (Object) m.get("payload")).containsExactly(Map.of("order", 1));
    assertThat(got.get(0).get("delivery_info"))
        .isEqualTo(Map.of("exchange", "interop.topic", "routing_key", "orders.created"));
    assertThat(connect().defaultChannel().queueDeclarePassive("interop.audit").messageCount()).isZero();
  }
}
