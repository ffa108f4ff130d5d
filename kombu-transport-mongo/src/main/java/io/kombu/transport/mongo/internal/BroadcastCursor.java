package io.kombu.transport.mongo.internal;

import com.mongodb.CursorType;
import com.mongodb.MongoQueryException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * One fanout-bound queue's view of the capped broadcast collection (Kombu's {@code BroadcastCursor}): a tailable cursor
 * over {@code {queue: <exchange>}} that starts after the broadcasts already there when the queue was bound, so a
 * subscriber sees only what is published from then on.
 *
 * <p>Kombu skips the number of documents present at open and rewinds a cursor that became "not valid at server". This
 * class remembers the last {@code _id} it returned instead and reopens the cursor after it whenever the server has
 * closed it (a tailable cursor dies when its first batch is empty, which Kombu's cursor never recovers from). Documents
 * published by several processes are compared by {@code _id}, whose leading four bytes are the writer's clock in
 * seconds, so clocks that disagree by more than a second can make a subscriber skip a broadcast.
 *
 * <p>Thread-safety: thread-safe (synchronised).
 */
final class BroadcastCursor implements AutoCloseable {
  private final MongoCollection<Document> broadcast;
  private final String exchange;
  private @Nullable ObjectId lastSeen;
  private @Nullable MongoCursor<Document> cursor;

  BroadcastCursor(MongoCollection<Document> broadcast, String exchange) {
    this.broadcast = broadcast;
    this.exchange = exchange;
    this.lastSeen = newestId();
  }

  String exchange() {
    return exchange;
  }

  private @Nullable ObjectId newestId() {
    Document newest = broadcast.find(Filters.eq("queue", exchange)).sort(Sorts.descending("_id")).limit(1).first();
    return newest == null ? null : newest.getObjectId("_id");
  }

  private Bson filter() {
    return lastSeen == null
        ? Filters.eq("queue", exchange)
        : Filters.and(Filters.eq("queue", exchange), Filters.gt("_id", lastSeen));
  }

  /** @return the next broadcast, or null when none arrived since the last call */
  synchronized @Nullable Document next() {
    for (int attempt = 0; attempt < 2; attempt++) {
      MongoCursor<Document> c = cursor;
      if (c == null) {
        c = broadcast.find(filter()).cursorType(CursorType.Tailable).iterator();
        cursor = c;
      }
      try {
        Document d = c.tryNext();
        if (d != null) {
          lastSeen = d.getObjectId("_id");
          return d;
        }
        if (c.getServerCursor() == null) {
          // The server closed the cursor (empty first batch, or the end of the capped collection was overwritten).
          closeCursor();
        }
        return null;
      } catch (MongoQueryException e) {
        // Kombu's "not valid at server": reopen after the last broadcast seen.
        closeCursor();
      }
    }
    return null;
  }

  /** @return broadcasts waiting for this subscriber */
  synchronized long size() {
    return broadcast.countDocuments(filter());
  }

  /** Skips every broadcast published so far (Kombu's purge of a fanout queue). @return how many were skipped */
  synchronized long purge() {
    long n = size();
    closeCursor();
    ObjectId newest = newestId();
    if (newest != null) {
      lastSeen = newest;
    }
    return n;
  }

  private void closeCursor() {
    MongoCursor<Document> c = cursor;
    cursor = null;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // The server has already forgotten the cursor; nothing to release.
      }
    }
  }

  @Override
  public synchronized void close() {
    closeCursor();
  }
}
