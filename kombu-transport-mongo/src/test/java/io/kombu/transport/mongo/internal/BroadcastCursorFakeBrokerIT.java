package io.kombu.transport.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The broadcast cursor's bookkeeping (start after what exists, reopen after the last broadcast seen, size, purge) on
 * mongo-java-server (not a real MongoDB: its collection is not capped and its tailable cursors never see later inserts,
 * so what is tested here is the reopening, which real servers also need after a cursor dies).
 */
@DisplayName("BroadcastCursor bookkeeping (mongo-java-server stand-in, not a real MongoDB)")
class BroadcastCursorFakeBrokerIT {
  private static MongoServer server;
  private static MongoClient client;
  private MongoCollection<Document> broadcast;

  @BeforeAll
  static void start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.shutdownNow();
  }

  @BeforeEach
  void emptyCollection() {
    broadcast = client.getDatabase("cursor").getCollection("messages.broadcast");
    broadcast.drop();
  }

  private void publish(String exchange, String payload) {
    broadcast.insertOne(new Document("payload", payload).append("queue", exchange));
  }

  private static List<String> drain(BroadcastCursor cursor) {
    List<String> got = new ArrayList<>();
    for (Document d = cursor.next(); d != null; d = cursor.next()) {
      got.add(d.getString("payload"));
    }
    return got;
  }

  @Test
  @DisplayName("a new subscriber skips earlier broadcasts and then sees only its exchange's, in order")
  void startsAfterExistingBroadcasts() {
    publish("news", "old");
    BroadcastCursor cursor = new BroadcastCursor(broadcast, "news");
    assertThat(cursor.next()).isNull();

    publish("news", "n1");
    publish("sports", "s1");
    publish("news", "n2");

    assertThat(cursor.size()).isEqualTo(2);
    assertThat(drain(cursor)).containsExactly("n1", "n2");
    publish("news", "n3");
    assertThat(drain(cursor)).containsExactly("n3");
    assertThat(cursor.size()).isZero();
    cursor.close();
  }

  @Test
  @DisplayName("purge skips everything published so far and reports how many")
  void purge() {
    BroadcastCursor cursor = new BroadcastCursor(broadcast, "news");
    publish("news", "a");
    publish("news", "b");

    assertThat(cursor.purge()).isEqualTo(2);
    publish("news", "c");
    assertThat(drain(cursor)).containsExactly("c");
    cursor.close();
  }
}
