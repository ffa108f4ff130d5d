package io.kombu.transport.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only a real MongoDB can prove (KOMBU_IT_MONGODB_URL; skipped otherwise): Kombu's indexes, the capped broadcast
 * collection, fanout through tailable cursors (also for broadcasts published after a subscriber's first poll, which
 * Python Kombu's cursor misses), and the TTL indexes of the {@code ttl} option.
 */
@DisplayName("MongoDB-only behaviour on a real server (KOMBU_IT_MONGODB_URL)")
@ExtendWith(RealMongoCondition.class)
class MongoRealServerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private String database;
  private MongoClient client;
  private MongoDatabase db;
  private final List<Connection> connections = new ArrayList<>();

  @BeforeEach
  void freshDatabase() {
    database = "kombu_it_" + UUID.randomUUID().toString().substring(0, 8);
    client = MongoClients.create(urlFor(null));
    db = client.getDatabase(database);
  }

  @AfterEach
  void dropDatabase() {
    connections.forEach(Connection::close);
    db.drop();
    client.close();
  }

  /** The configured URL with this test's database in its path (query options kept). */
  private String urlFor(String path) {
    String url = TestBrokers.url(RealMongoCondition.BROKER);
    int schemeEnd = url.indexOf("://") + 3;
    int query = url.indexOf('?', schemeEnd);
    String options = query < 0 ? "" : url.substring(query);
    String base = query < 0 ? url : url.substring(0, query);
    int slash = base.indexOf('/', schemeEnd);
    String hosts = slash < 0 ? base : base.substring(0, slash);
    return hosts + "/" + (path == null ? "" : path) + options;
  }

  private Connection connect(TransportOptions options) {
    Connection c = Kombu.connect(urlFor(database), options.with("polling_interval", 0.01));
    connections.add(c);
    return c;
  }

  private static Optional<String> poll(Channel channel, String queue) {
    return channel.get(queue, true, null).map(m -> new String(m.body(), StandardCharsets.UTF_8));
  }

  private static List<String> receive(Channel channel, String queue, int n) {
    List<String> got = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (got.size() < n) {
      if (System.nanoTime() > deadline) {
        fail("only %s of %d broadcasts reached %s within %s", got, n, queue, WAIT);
      }
      poll(channel, queue).ifPresentOrElse(got::add, Thread::onSpinWait);
    }
    return got;
  }

  private List<String> indexNames(String collection) {
    List<String> names = new ArrayList<>();
    for (Document d : db.getCollection(collection).listIndexes()) {
      names.add(d.getString("name"));
    }
    return names;
  }

  @Test
  @DisplayName("connecting creates Kombu's indexes and a capped broadcast collection of capped_queue_size bytes")
  void indexesAndCappedCollection() {
    connect(TransportOptions.defaults());

    assertThat(indexNames("messages")).contains("queue_1_priority_1__id_1");
    assertThat(indexNames("messages.broadcast")).contains("queue_1");
    assertThat(indexNames("messages.routing")).contains("queue_1_exchange_1");
    Document info = db.listCollections().filter(Filters.eq("name", "messages.broadcast")).first();
    assertThat(info).isNotNull();
    Document options = info.get("options", Document.class);
    assertThat(options.getBoolean("capped")).isTrue();
    assertThat(((Number) options.get("size")).longValue()).isGreaterThanOrEqualTo(100_000L);
  }

  @Test
  @DisplayName("with ttl, messages, routing and queues get expire_at TTL indexes")
  void ttlIndexes() {
    connect(TransportOptions.of(Map.of("ttl", true)));

    for (String collection : List.of("messages", "messages.routing", "messages.queues")) {
      Document ttl = null;
      for (Document d : db.getCollection(collection).listIndexes()) {
        if ("expire_at_1".equals(d.getString("name"))) {
          ttl = d;
        }
      }
      assertThat(ttl).as(collection).isNotNull();
      assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).as(collection).isZero();
    }
  }

  @Test
  @DisplayName("fanout reaches every bound queue, also for broadcasts sent after the subscribers' first poll")
  void fanoutAfterFirstPoll() {
    Connection subscriber = connect(TransportOptions.defaults());
    Exchange news = Exchange.builder("news").type(ExchangeType.FANOUT).durable(false).build();
    Channel ch = subscriber.defaultChannel();
    ch.declare(Queue.builder("news.a").exchange(news).durable(false).build());
    ch.declare(Queue.builder("news.b").exchange(news).durable(false).build());
    assertThat(poll(ch, "news.a")).isEmpty();
    assertThat(poll(ch, "news.b")).isEmpty();

    Connection publisher = connect(TransportOptions.defaults());
    publisher.defaultChannel().declare(news);
    for (String text : List.of("one", "two", "three")) {
      publisher.producer().publish(text, PublishOptions.builder().exchange(news).routingKey("ignored").build());
    }

    assertThat(receive(ch, "news.a", 3)).containsExactly("one", "two", "three");
    assertThat(receive(ch, "news.b", 3)).containsExactly("one", "two", "three");
  }

  @Test
  @DisplayName("a queue bound to a fanout exchange later does not receive earlier broadcasts")
  void lateSubscriberMissesEarlierBroadcasts() {
    Connection conn = connect(TransportOptions.defaults());
    Exchange news = Exchange.builder("late").type(ExchangeType.FANOUT).durable(false).build();
    Channel ch = conn.defaultChannel();
    ch.declare(Queue.builder("late.early").exchange(news).durable(false).build());
    conn.producer().publish("before", PublishOptions.builder().exchange(news).build());
    ch.declare(Queue.builder("late.late").exchange(news).durable(false).build());
    conn.producer().publish("after", PublishOptions.builder().exchange(news).build());

    assertThat(receive(ch, "late.early", 2)).containsExactly("before", "after");
    assertThat(receive(ch, "late.late", 1)).containsExactly("after");
    Optional<Message> none = ch.get("late.late", true, null);
    assertThat(none).isEmpty();
  }
}
