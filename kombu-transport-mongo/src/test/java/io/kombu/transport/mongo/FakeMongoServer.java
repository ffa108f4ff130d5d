package io.kombu.transport.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * mongo-java-server (in-memory, in this JVM) on a free loopback port: a MongoDB stand-in for {@code *FakeBrokerIT}
 * tests. It has no capped collections, tailable cursors that never see later inserts, and no TTL expiry, so fanout and
 * TTL cannot be proven on it.
 *
 * <p>Thread-safety: not thread-safe; one per test class.
 */
final class FakeMongoServer implements AutoCloseable {
  private final MongoServer server;
  private final InetSocketAddress address;

  FakeMongoServer() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    address = server.getLocalAddress();
  }

  int port() {
    return address.getPort();
  }

  /** @param database the database @return a {@code mongodb://} URL for it */
  String url(String database) {
    return "mongodb://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
