package io.kombu.transport.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.kombu.Connection;
import io.kombu.ConnectionException;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.transport.mongo.internal.PythonJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the transport writes into MongoDB, read back with the driver and compared with the documents Python Kombu writes
 * (shared/spec/wire-samples/mongodb), on mongo-java-server in this JVM (not a real MongoDB).
 */
@DisplayName("documents written to MongoDB (mongo-java-server stand-in, not a real MongoDB)")
class MongoDocumentsFakeBrokerIT {
  private static final TransportOptions FAST = TransportOptions.of(Map.of("polling_interval", 0.01));
  private static FakeMongoServer server;
  private static MongoClient client;
  private String database;
  private MongoDatabase db;
  private final List<Connection> connections = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new FakeMongoServer();
    client = MongoClients.create("mongodb://127.0.0.1:" + server.port());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @BeforeEach
  void freshDatabase() {
    database = "docs_" + UUID.randomUUID().toString().substring(0, 8);
    db = client.getDatabase(database);
  }

  @AfterEach
  void closeConnections() {
    connections.forEach(Connection::close);
  }

  private Connection connect(TransportOptions options) {
    Connection c = Kombu.connect(server.url(database), options);
    connections.add(c);
    return c;
  }

  private static String text(Message m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a published message is {payload: envelope JSON, queue, priority: 9 - p}, as Kombu writes it")
  void messageDocument() {
    Connection conn = connect(FAST);
    Exchange direct = Exchange.builder("wire.direct").type(ExchangeType.DIRECT).build();
    conn.defaultChannel().declare(Queue.builder("wire.q.direct").exchange(direct).routingKey("wire.key").build());

    conn.producer().publish(Map.of("kind", "direct"), PublishOptions.builder().exchange(direct)
        .routingKey("wire.key").priority(7).headers(Map.of("x-h", 1)).build());

    Document doc = db.getCollection("messages").find().first();
    assertThat(doc).isNotNull();
    assertThat(new ArrayList<>(doc.keySet())).containsExactly("_id", "payload", "queue", "priority");
    assertThat(doc.get("queue")).isEqualTo("wire.q.direct");
    assertThat(doc.get("priority")).isEqualTo(2);
    String payload = doc.getString("payload");
    assertThat(payload).startsWith("{\"body\": \"").contains("\"content-type\": \"application/json\"");
    Map<?, ?> envelope = (Map<?, ?>) PythonJson.loads(payload);
    assertThat(envelope.keySet().toString()).isEqualTo("[body, content-encoding, content-type, headers, properties]");
    assertThat(envelope.get("headers")).isEqualTo(Map.of("x-h", 1));
    Map<?, ?> props = (Map<?, ?>) envelope.get("properties");
    assertThat(props.get("priority")).isEqualTo(7);
    assertThat(props.get("body_encoding")).isEqualTo("base64");
    assertThat(props.get("delivery_info")).isEqualTo(Map.of("exchange", "wire.direct", "routing_key", "wire.key"));
    assertThat(props.get("delivery_tag").toString()).hasSize(36);
  }

  @Test
  @DisplayName("bindings are routing documents {exchange, queue, routing_key, pattern}; topic keys carry Kombu's regex")
  void routingDocuments() {
    Connection conn = connect(FAST);
    Exchange direct = Exchange.builder("wire.direct").type(ExchangeType.DIRECT).build();
    Exchange topic = Exchange.builder("wire.topic").type(ExchangeType.TOPIC).build();
    conn.defaultChannel().declare(Queue.builder("wire.q.direct").exchange(direct).routingKey("wire.key").build());
    conn.defaultChannel().declare(Queue.builder("wire.q.topic").exchange(topic).routingKey("wire.#").build());

    List<Document> docs = db.getCollection("messages.routing").find().into(new ArrayList<>());

    assertThat(docs).hasSize(2);
    Document d = docs.stream().filter(x -> x.get("exchange").equals("wire.direct")).findFirst().orElseThrow();
    assertThat(new ArrayList<>(d.keySet())).containsExactly("_id", "exchange", "queue", "routing_key", "pattern");
    assertThat(d.get("queue")).isEqualTo("wire.q.direct");
    assertThat(d.get("routing_key")).isEqualTo("wire.key");
    assertThat(d.get("pattern")).isNull();
    Document t = docs.stream().filter(x -> x.get("exchange").equals("wire.topic")).findFirst().orElseThrow();
    assertThat(t.get("pattern")).isEqualTo("^wire\\..*?$");
  }

  @Test
  @DisplayName("a binding made by one connection routes another connection's publishes (the routing collection)")
  void crossConnectionRouting() {
    Connection consumerSide = connect(FAST);
    Exchange topic = Exchange.builder("orders").type(ExchangeType.TOPIC).build();
    Queue audit = Queue.builder("orders.audit").exchange(topic).routingKey("orders.*").build();
    consumerSide.defaultChannel().declare(audit);

    Connection publisherSide = connect(FAST);
    publisherSide.defaultChannel().declare(topic);
    publisherSide.producer().publish("created", PublishOptions.builder().exchange(topic)
        .routingKey("orders.created").build());

    Optional<Message> got = consumerSide.defaultChannel().get("orders.audit", true, null);
    assertThat(got).map(MongoDocumentsFakeBrokerIT::text).contains("created");
  }

  @Test
  @DisplayName("deleting a queue removes its messages and its routing documents")
  void deleteQueue() {
    Connection conn = connect(FAST);
    Exchange direct = Exchange.builder("d").type(ExchangeType.DIRECT).build();
    conn.defaultChannel().declare(Queue.builder("doomed").exchange(direct).routingKey("k").build());
    conn.producer().publish("x", PublishOptions.builder().exchange(direct).routingKey("k").build());
    assertThat(db.getCollection("messages").countDocuments(Filters.eq("queue", "doomed"))).isEqualTo(1);

    conn.defaultChannel().queueDelete("doomed", false, false);

    assertThat(db.getCollection("messages").countDocuments(Filters.eq("queue", "doomed"))).isZero();
    assertThat(db.getCollection("messages.routing").countDocuments(Filters.eq("queue", "doomed"))).isZero();
  }

  @Test
  @DisplayName("with ttl, the queue document and each message carry expire_at as Kombu computes it")
  void ttlDocuments() {
    Connection conn = connect(FAST.with("ttl", true));
    long t0 = System.currentTimeMillis();
    conn.defaultChannel().declare(Queue.builder("short-lived").messageTtl(Duration.ofSeconds(60))
        .expires(Duration.ofMinutes(10)).build());
    long t1 = System.currentTimeMillis();
    conn.producer().publish("x", PublishOptions.builder().routingKey("short-lived")
        .expiration(Duration.ofSeconds(5)).build());
    long t2 = System.currentTimeMillis();
    conn.producer().publish("y", PublishOptions.builder().routingKey("short-lived").build());
    long t3 = System.currentTimeMillis();

    Document queueDoc = db.getCollection("messages.queues").find(Filters.eq("_id", "short-lived")).first();
    assertThat(queueDoc).isNotNull();
    Document options = queueDoc.get("options", Document.class);
    assertThat(options.keySet().toString()).isEqualTo("[durable, exclusive, auto_delete, arguments, nowait]");
    assertThat(options.get("durable")).isEqualTo(true);
    assertThat(options.get("auto_delete")).isEqualTo(false);
    Document arguments = options.get("arguments", Document.class);
    assertThat(((Number) arguments.get("x-message-ttl")).longValue()).isEqualTo(60_000L);
    assertThat(queueDoc.getDate("expire_at").getTime()).as("now + x-expires").isBetween(t0 + 600_000, t1 + 600_000);
    List<Document> msgs = db.getCollection("messages").find().into(new ArrayList<>());
    Date first = msgs.get(0).getDate("expire_at");
    Date second = msgs.get(1).getDate("expire_at");
    assertThat(first.getTime()).as("min(queue 60 s, message 5 s)").isBetween(t1 + 5_000, t2 + 5_000);
    assertThat(second.getTime()).as("the queue's 60 s").isBetween(t2 + 60_000, t3 + 60_000);
  }

  @Test
  @DisplayName("on a server without capped collections, connecting works and a fanout publish fails clearly")
  void fanoutUnavailable() {
    Connection conn = connect(FAST);
    Exchange fanout = Exchange.builder("news").type(ExchangeType.FANOUT).build();
    conn.defaultChannel().declare(Queue.builder("news.reader").exchange(fanout).build());

    assertThatThrownBy(() -> conn.producer().publish("hello", PublishOptions.builder().exchange(fanout).build()))
        .isInstanceOf(FanoutUnavailableException.class)
        .hasMessageContaining("news")
        .hasMessageContaining("capped");
    conn.producer().publish("direct still works", PublishOptions.routingKey("news.reader"));
    assertThat(conn.defaultChannel().get("news.reader", true, null)).isPresent();
  }

  @Test
  @DisplayName("an unreachable server fails the connect with a ConnectionException that hides the password")
  void unreachable() {
    String url = "mongodb://app:s3cret-pw@127.0.0.1:1/db?serverSelectionTimeoutMS=300";

    assertThatThrownBy(() -> Kombu.connect(url, FAST).defaultChannel())
        .isInstanceOf(ConnectionException.class)
        .hasMessageNotContaining("s3cret-pw");
  }
}
