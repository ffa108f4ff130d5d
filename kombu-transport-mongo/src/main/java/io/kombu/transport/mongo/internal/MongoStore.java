package io.kombu.transport.mongo.internal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.kombu.ExchangeType;
import io.kombu.InvalidUrlException;
import io.kombu.KombuException;
import io.kombu.VersionMismatchException;
import io.kombu.core.virtual.BindingRow;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.MessageStore;
import io.kombu.transport.mongo.FanoutUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's MongoDB channel storage over one database, with Python Kombu's collections, documents and indexes:
 *
 * <ul>
 *   <li>{@code messages}: {@code {_id, payload: "<envelope JSON>", queue, priority: 9 - p, [expire_at]}}; get is an
 *       atomic {@code findOneAndDelete} sorted by {@code priority} then {@code _id} (highest priority first, then
 *       arrival order);
 *   <li>{@code messages.routing}: {@code {_id, exchange, queue, routing_key, pattern, [expire_at]}}, one per binding,
 *       read by every publisher, so bindings made by any process route;
 *   <li>{@code messages.broadcast}: capped; {@code {_id, payload, queue: <exchange>}}, read through tailable cursors;
 *   <li>{@code messages.queues} (only with {@code ttl}): {@code {_id: <queue>, options: {durable, exclusive,
 *       auto_delete, arguments, nowait}, expire_at}}.
 * </ul>
 *
 * <p>A queue bound to a fanout exchange is registered for the whole JVM (Kombu's class-level {@code _fanout_queues}):
 * its messages then come from the broadcast collection; a message requeued or restored into it goes to {@code messages}
 * and is served once no broadcast is waiting.
 *
 * <p>Thread-safety: thread-safe; the driver's client is thread-safe and cursors synchronise.
 */
public final class MongoStore implements MessageStore {
  private static final Logger log = LoggerFactory.getLogger(MongoStore.class);
  /** JVM-wide: namespace + '\n' + queue → fanout exchange (Kombu shares this over every channel of the process). */
  private static final ConcurrentMap<String, String> FANOUT_QUEUES = new ConcurrentHashMap<>();
  private static final int MAX_PRIORITY = 9;
  /** Servers already warned about missing fanout: once per JVM is enough, every connection would repeat it. */
  private static final Set<String> WARNED_NO_FANOUT = ConcurrentHashMap.newKeySet();

  private final MongoSettings settings;
  private final @Nullable String password;
  private final Clock clock;
  private final MongoClient client;
  private final MongoCollection<Document> messages;
  private final MongoCollection<Document> routing;
  private final MongoCollection<Document> broadcast;
  private final MongoCollection<Document> queues;
  private final boolean fanoutAvailable;
  private final String namespace;
  private final Map<String, BroadcastCursor> cursors = new ConcurrentHashMap<>();
  /** Queues declared through this connection: MongoDB keeps no trace of an empty, unbound queue (without ttl). */
  private final Set<String> declared = ConcurrentHashMap.newKeySet();

  private MongoStore(MongoSettings settings, @Nullable String password, Clock clock, MongoClient client,
      MongoDatabase db, boolean fanoutAvailable) {
    this.settings = settings;
    this.password = password;
    this.clock = clock;
    this.client = client;
    this.messages = db.getCollection(settings.messagesCollection());
    this.routing = db.getCollection(settings.routingCollection());
    this.broadcast = db.getCollection(settings.broadcastCollection());
    this.queues = db.getCollection(settings.queuesCollection());
    this.fanoutAvailable = fanoutAvailable;
    this.namespace = settings.maskedConnectionString() + "|" + settings.broadcastCollection();
  }

  /**
   * Connects eagerly, as Kombu's channel does: checks the server version, creates the capped broadcast collection when
   * missing and ensures Kombu's indexes.
   *
   * @param settings the settings
   * @param password the URL's password, kept out of error messages
   * @param clock time source for expiry dates
   * @return the store
   * @throws io.kombu.ConnectionException when the server cannot be reached
   */
  public static MongoStore open(MongoSettings settings, @Nullable String password, Clock clock) {
    MongoClientSettings clientSettings;
    try {
      clientSettings = MongoClientSettings.builder()
          .applyConnectionString(new ConnectionString(settings.connectionString()))
          .build();
    } catch (IllegalArgumentException e) {
      throw new InvalidUrlException("invalid MongoDB URL " + settings.maskedConnectionString() + ": "
          + MongoSettings.scrub(e.getMessage(), password) + "; see the MongoDB connection string reference", e);
    }
    MongoClient client = MongoClients.create(clientSettings);
    try {
      MongoDatabase db = client.getDatabase(settings.database());
      checkVersion(db, settings);
      boolean fanout = createBroadcast(db, settings);
      ensureIndexes(db, settings);
      log.info("Connected to MongoDB {} (database {})", settings.maskedConnectionString(), settings.database());
      return new MongoStore(settings, password, clock, client, db, fanout);
    } catch (RuntimeException e) {
      client.close();
      throw MongoErrors.translate(e, "connect to " + settings.maskedConnectionString(), password);
    }
  }

  private static void checkVersion(MongoDatabase db, MongoSettings settings) {
    Object version = db.runCommand(new Document("buildInfo", 1)).get("version");
    String text = version == null ? "0" : version.toString();
    String[] parts = text.split("-")[0].split("\\.");
    int major = parts.length > 0 ? parseOr(parts[0]) : 0;
    int minor = parts.length > 1 ? parseOr(parts[1]) : 0;
    if (major < 1 || (major == 1 && minor < 3)) {
      throw new VersionMismatchException("Kombu requires MongoDB version 1.3+ (server is " + text + ")");
    }
    if (settings.ttl() && (major < 2 || (major == 2 && minor < 2))) {
      throw new VersionMismatchException("Kombu requires MongoDB version 2.2+ (server is " + text
          + ") for TTL indexes support; turn the ttl transport option off or upgrade the server");
    }
  }

  private static int parseOr(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** @return whether the broadcast collection is capped, so that fanout works */
  private static boolean createBroadcast(MongoDatabase db, MongoSettings settings) {
    String name = settings.broadcastCollection();
    Document existing = db.listCollections().filter(Filters.eq("name", name)).first();
    if (existing == null) {
      try {
        db.createCollection(name, new CreateCollectionOptions().capped(true).sizeInBytes(settings.cappedQueueSize()));
        return true;
      } catch (MongoCommandException e) {
        if (e.getErrorCode() == 48) {
          // NamespaceExists: another client created it meanwhile.
          return isCapped(db.listCollections().filter(Filters.eq("name", name)).first());
        }
        if (e.getErrorCode() == 115 || e.getErrorCode() == 238
            || String.valueOf(e.getErrorMessage()).contains("not yet implemented")) {
          if (WARNED_NO_FANOUT.add(settings.maskedConnectionString() + "|" + name)) {
            log.warn("MongoDB server {} cannot create the capped collection '{}' ({}): fanout exchanges are "
                + "unavailable on this server and publishing to one fails; direct and topic exchanges work",
                settings.maskedConnectionString(), name, e.getErrorMessage());
          }
          return false;
        }
        throw e;
      }
    }
    if (!isCapped(existing)) {
      if (!WARNED_NO_FANOUT.add(settings.maskedConnectionString() + "|" + name)) {
        return false;
      }
      log.warn("MongoDB collection '{}' on {} is not capped, so tailable cursors cannot follow it: fanout exchanges "
          + "are unavailable and publishing to one fails; drop the collection to let Kombu create it capped",
          name, settings.maskedConnectionString());
      return false;
    }
    return true;
  }

  private static boolean isCapped(@Nullable Document collectionInfo) {
    if (collectionInfo == null) {
      return false;
    }
    Object options = collectionInfo.get("options");
    return options instanceof Document && Boolean.TRUE.equals(((Document) options).get("capped"));
  }

  private static void ensureIndexes(MongoDatabase db, MongoSettings settings) {
    MongoCollection<Document> messages = db.getCollection(settings.messagesCollection());
    messages.createIndex(Indexes.ascending("queue", "priority", "_id"), new IndexOptions().background(true));
    db.getCollection(settings.broadcastCollection()).createIndex(Indexes.ascending("queue"));
    MongoCollection<Document> routing = db.getCollection(settings.routingCollection());
    routing.createIndex(Indexes.ascending("queue", "exchange"));
    if (settings.ttl()) {
      IndexOptions expire = new IndexOptions().expireAfter(0L, TimeUnit.SECONDS);
      messages.createIndex(Indexes.ascending("expire_at"), expire);
      routing.createIndex(Indexes.ascending("expire_at"), expire);
      db.getCollection(settings.queuesCollection()).createIndex(Indexes.ascending("expire_at"), expire);
    }
  }

  private <T> T call(String what, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (KombuException e) {
      throw e;
    } catch (RuntimeException e) {
      throw MongoErrors.translate(e, what, password);
    }
  }

  private void run(String what, Runnable operation) {
    call(what, () -> {
      operation.run();
      return null;
    });
  }

  private @Nullable String fanoutExchange(String queue) {
    return FANOUT_QUEUES.get(namespace + '\n' + queue);
  }

  @Override
  public void put(String queue, Envelope envelope) {
    run("put into queue '" + queue + "'", () -> {
      Document doc = new Document("payload", PythonJson.dumps(envelope.toMap()))
          .append("queue", queue)
          .append("priority", MAX_PRIORITY - Envelope.priorityOf(envelope.properties().get("priority")));
      if (settings.ttl()) {
        doc.append("expire_at", messageExpiry(queue, envelope));
      }
      messages.insertOne(doc);
    });
  }

  @Override
  public @Nullable Envelope get(String queue) {
    return call("get from queue '" + queue + "'", () -> {
      Document doc = null;
      String exchange = fanoutExchange(queue);
      if (exchange != null && fanoutAvailable) {
        doc = cursor(queue, exchange).next();
      }
      if (doc == null) {
        // Also for a fanout queue: messages requeued or restored into it, or sent through the default exchange.
        doc = messages.findOneAndDelete(Filters.eq("queue", queue),
            new FindOneAndDeleteOptions().sort(Sorts.ascending("priority", "_id")));
      }
      if (settings.ttl()) {
        touchQueueExpiry(queue);
      }
      return doc == null ? null : parse(doc, queue);
    });
  }

  private BroadcastCursor cursor(String queue, String exchange) {
    BroadcastCursor c = cursors.get(queue);
    if (c == null || !c.exchange().equals(exchange)) {
      // Kombu: the queue may have been bound on another channel of this process.
      BroadcastCursor fresh = new BroadcastCursor(broadcast, exchange);
      BroadcastCursor old = cursors.put(queue, fresh);
      if (old != null) {
        old.close();
      }
      c = fresh;
    }
    return c;
  }

  private static Envelope parse(Document doc, String queue) {
    Object payload = doc.get("payload");
    if (!(payload instanceof String)) {
      throw new io.kombu.DecodeException("document " + doc.get("_id") + " of queue '" + queue + "' has no string "
          + "'payload' field, so it was not written by Kombu; remove it from the collection");
    }
    Object map = PythonJson.loads((String) payload);
    if (!(map instanceof Map)) {
      throw new io.kombu.DecodeException("payload of document " + doc.get("_id") + " of queue '" + queue
          + "' is not a JSON object, so it was not written by Kombu; remove it from the collection");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) map;
    return Envelope.fromMap(m);
  }

  @Override
  public long size(String queue) {
    if (!settings.calcQueueSize()) {
      return 0;
    }
    return call("count queue '" + queue + "'", () -> {
      long n = messages.countDocuments(Filters.eq("queue", queue));
      String exchange = fanoutExchange(queue);
      if (exchange != null && fanoutAvailable) {
        n += cursor(queue, exchange).size();
      }
      return n;
    });
  }

  @Override
  public long purge(String queue) {
    return call("purge queue '" + queue + "'", () -> {
      long n = messages.deleteMany(Filters.eq("queue", queue)).getDeletedCount();
      String exchange = fanoutExchange(queue);
      if (exchange != null && fanoutAvailable) {
        n += cursor(queue, exchange).purge();
      }
      return n;
    });
  }

  @Override
  public void delete(String queue) {
    run("delete queue '" + queue + "'", () -> {
      routing.deleteMany(Filters.eq("queue", queue));
      if (settings.ttl()) {
        queues.deleteOne(Filters.eq("_id", queue));
      }
      messages.deleteMany(Filters.eq("queue", queue));
      declared.remove(queue);
      FANOUT_QUEUES.remove(namespace + '\n' + queue);
      BroadcastCursor c = cursors.remove(queue);
      if (c != null) {
        c.close();
      }
    });
  }

  @Override
  public void newQueue(String queue, Map<String, Object> arguments) {
    newQueue(queue, true, false, false, arguments);
  }

  /** With {@code ttl}, upserts Kombu's queue document: its options are Kombu's {@code queue_declare} keywords. */
  @Override
  public void newQueue(
      String queue, boolean durable, boolean exclusive, boolean autoDelete, Map<String, Object> arguments) {
    declared.add(queue);
    if (!settings.ttl()) {
      return;
    }
    run("declare queue '" + queue + "'", () -> {
      Document options = new Document("durable", durable)
          .append("exclusive", exclusive)
          .append("auto_delete", autoDelete)
          .append("arguments", bsonSafe(arguments))
          .append("nowait", false);
      Document doc = new Document("_id", queue)
          .append("options", options)
          .append("expire_at", expiryFrom(arguments, "x-expires"));
      queues.replaceOne(Filters.eq("_id", queue), doc, new ReplaceOptions().upsert(true));
    });
  }

  /**
   * Kombu's MongoDB transport says every queue exists. Here a queue exists when this connection declared it, or when it
   * holds messages, has a binding or (with {@code ttl}) a queue document; an empty, unbound queue declared by another
   * process is not seen, so a passive declare of it fails.
   */
  @Override
  public boolean hasQueue(String queue) {
    if (declared.contains(queue) || fanoutExchange(queue) != null) {
      return true;
    }
    return call("look up queue '" + queue + "'", () -> {
      Bson byQueue = Filters.eq("queue", queue);
      return messages.find(byQueue).limit(1).first() != null
          || routing.find(byQueue).limit(1).first() != null
          || (settings.ttl() && queues.find(Filters.eq("_id", queue)).limit(1).first() != null);
    });
  }

  @Override
  public boolean supportsFanout() {
    return true;
  }

  @Override
  public void putFanout(String exchange, String routingKey, Envelope envelope, Collection<String> queues) {
    if (!fanoutAvailable) {
      throw new FanoutUnavailableException("cannot publish to fanout exchange '" + exchange + "': the MongoDB "
          + "collection '" + settings.broadcastCollection() + "' on " + settings.maskedConnectionString()
          + " is not capped (the server could not create a capped collection), so no subscriber could read it; "
          + "use a MongoDB server with capped collections, or a direct or topic exchange");
    }
    run("publish to fanout exchange '" + exchange + "'", () -> broadcast.insertOne(
        new Document("payload", PythonJson.dumps(envelope.toMap())).append("queue", exchange)));
  }

  @Override
  public void bind(String exchange, ExchangeType type, BindingRow row) {
    run("bind queue '" + row.queue() + "' to exchange '" + exchange + "'", () -> {
      if (ExchangeType.FANOUT.equals(type)) {
        FANOUT_QUEUES.put(namespace + '\n' + row.queue(), exchange);
        if (fanoutAvailable) {
          cursor(row.queue(), exchange);
        }
      }
      Document lookup = routingLookup(exchange, row);
      Document data = new Document(lookup);
      if (settings.ttl()) {
        data.append("expire_at", queueExpiry(row.queue(), "x-expires"));
      }
      routing.replaceOne(lookup, data, new ReplaceOptions().upsert(true));
    });
  }

  @Override
  public void unbind(String exchange, BindingRow row) {
    run("unbind queue '" + row.queue() + "' from exchange '" + exchange + "'",
        () -> routing.deleteMany(routingLookup(exchange, row)));
  }

  private static Document routingLookup(String exchange, BindingRow row) {
    return new Document("exchange", exchange)
        .append("queue", row.queue())
        .append("routing_key", row.routingKey())
        .append("pattern", row.pattern());
  }

  @Override
  public @Nullable List<BindingRow> bindings(String exchange) {
    return call("read the bindings of exchange '" + exchange + "'", () -> {
      List<BindingRow> rows = new ArrayList<>();
      for (Document d : routing.find(Filters.eq("exchange", exchange))) {
        Object queue = d.get("queue");
        if (queue == null) {
          continue;
        }
        Object key = d.get("routing_key");
        Object pattern = d.get("pattern");
        rows.add(BindingRow.of(key == null ? "" : key.toString(), pattern == null ? null : pattern.toString(),
            queue.toString()));
      }
      return rows;
    });
  }

  // ---- TTL (option `ttl`), as Kombu's _get_expire / _update_queues_expire

  private @Nullable Date messageExpiry(String queue, Envelope envelope) {
    Date byQueue = queueExpiry(queue, "x-message-ttl");
    Date byMessage = null;
    Object expiration = envelope.properties().get("expiration");
    if (expiration != null) {
      try {
        byMessage = new Date(clock.millis() + Long.parseLong(expiration.toString().trim()));
      } catch (NumberFormatException e) {
        log.debug("ignored non-numeric expiration {} of a message for queue {}", expiration, queue);
      }
    }
    if (byQueue == null) {
      return byMessage;
    }
    return byMessage == null || byQueue.before(byMessage) ? byQueue : byMessage;
  }

  private @Nullable Date queueExpiry(String queue, String argument) {
    Document doc = queues.find(Filters.eq("_id", queue)).first();
    if (doc == null) {
      return null;
    }
    Object options = doc.get("options");
    if (!(options instanceof Map)) {
      return null;
    }
    Object arguments = ((Map<?, ?>) options).get("arguments");
    return arguments instanceof Map ? expiryFrom((Map<?, ?>) arguments, argument) : null;
  }

  private @Nullable Date expiryFrom(Map<?, ?> arguments, String argument) {
    Object value = arguments.get(argument);
    if (!(value instanceof Number)) {
      return null;
    }
    return new Date(clock.millis() + ((Number) value).longValue());
  }

  private void touchQueueExpiry(String queue) {
    Date expireAt = queueExpiry(queue, "x-expires");
    if (expireAt == null) {
      return;
    }
    Bson set = Updates.set("expire_at", expireAt);
    routing.updateMany(Filters.eq("queue", queue), set);
    queues.updateMany(Filters.eq("_id", queue), set);
  }

  /** Keeps what BSON can store (maps, lists, strings, numbers, booleans, null); anything else as its text. */
  private static @Nullable Object bsonSafe(@Nullable Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map) {
      Document d = new Document();
      ((Map<?, ?>) value).forEach((k, v) -> d.append(String.valueOf(k), bsonSafe(v)));
      return d;
    }
    if (value instanceof Collection) {
      List<@Nullable Object> out = new ArrayList<>();
      ((Collection<?>) value).forEach(v -> out.add(bsonSafe(v)));
      return out;
    }
    return value.toString();
  }

  /** @return whether the broadcast collection is capped, so that fanout works */
  public boolean fanoutAvailable() {
    return fanoutAvailable;
  }

  @Override
  public void close() {
    for (BroadcastCursor c : cursors.values()) {
      c.close();
    }
    cursors.clear();
    client.close();
  }

  @Override
  public String toString() {
    return "MongoStore(" + settings.maskedConnectionString() + ", database=" + settings.database() + ")";
  }
}
