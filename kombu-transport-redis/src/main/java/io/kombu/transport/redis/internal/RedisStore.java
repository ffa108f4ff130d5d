package io.kombu.transport.redis.internal;

import io.kombu.DecodeException;
import io.kombu.ExchangeType;
import io.kombu.KombuException;
import io.kombu.core.virtual.BindingRow;
import io.kombu.core.virtual.BrokerState;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.ExchangeRouting;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.PolledMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.KeyValue;

/**
 * Kombu's Redis channel storage (spec transport-redis.md): LPUSH to priority-bucket lists, pops from the right in BRPOP
 * key order, binding sets, the {@code unacked} hash and {@code unacked_index} zset for at-least-once delivery, the
 * visibility-timeout sweep behind {@code unacked_mutex}, and fanout over pub/sub.
 *
 * <p>Improvements over Kombu, all invisible to Python peers: a pop and its unacked record happen in one Lua script (no
 * message is lost if the process dies in between), also for an idle consumer, which waits for a {@link PushWatch}
 * signal instead of popping with BRPOP (unless Redis refuses client tracking or {@code atomic_wait} is off); the leases
 * of messages this connection holds are renewed while it is alive, so long-running handlers are not redelivered by
 * another process's sweep; a requeue or restore removes the unacked entry and pushes the message in one atomic step;
 * every queue bound to a fanout exchange on this connection receives fanout messages (whatever the routing key),
 * buffered until taken.
 *
 * <p>Thread-safety: thread-safe (one per connection; the engine calls it from the connection's thread, the lease renewer
 * and the fanout subscriber run on their own daemon threads, which {@link #close()} stops).
 */
public final class RedisStore implements MessageStore {
  private static final Logger log = LoggerFactory.getLogger(RedisStore.class);
  /** BRPOP timeout while fanout subscriptions are active, so buffered pub/sub messages are not held back long. */
  private static final Duration FANOUT_POLL = Duration.ofMillis(100);
  /** Longest a fanout publish waits for its own subscription to buffer the copy for this connection's queues. */
  private static final Duration OWN_FANOUT_WAIT = Duration.ofSeconds(1);
  /** Most messages one {@link #getBatch} script call pops for a consumer with prefetch room (one round trip). */
  static final int PREFETCH_BATCH_LIMIT = 100;
  /** Longest an idle consumer waits for a push signal before it pops anyway, in case a signal was lost. */
  private static final Duration SAFETY_POLL = Duration.ofSeconds(1);
  /** Acks waiting past this many are settled at once instead of riding along with the next pop. */
  private static final int MAX_PENDING_ACKS = 1000;

  private final Supplier<JedisPooled> client;
  private final RedisSettings settings;
  private final RedisKeys keys;
  private final BrokerState state;
  private final Clock clock;
  private final String where;
  private final FanoutSubscriber fanout;
  private final PushWatch push;
  /** Set once Redis refused client tracking: this store then waits with BRPOP (warned once). */
  private volatile boolean pushRefused;
  /** The queues {@link #prefixes} was computed for; both used by the consuming thread only. */
  private List<String> prefixQueues = List.of();
  private List<String> prefixes = List.of();
  private final Map<String, Long> expiresMillis = new ConcurrentHashMap<>();
  private final Set<String> heldTags = ConcurrentHashMap.newKeySet();
  /** Acknowledged tags whose unacked entries are deleted with the next pop, sweep or close (see {@link #ack}). */
  private final ConcurrentLinkedQueue<String> pendingAcks = new ConcurrentLinkedQueue<>();
  /** Size of {@link #pendingAcks} (the queue's own size() walks it). */
  private final AtomicInteger pendingAckCount = new AtomicInteger();
  private final List<String> roundRobin = new ArrayList<>();
  private final Object renewerLock = new Object();
  private @Nullable ScheduledExecutorService renewer;
  private int restoreCalls;
  /** Set while Redis cannot be reached from the consuming thread; read by health checks on other threads. */
  private volatile boolean unavailable;
  private volatile boolean closed;

  /**
   * @param client the connection pool (shared by the transport)
   * @param settings the settings
   * @param state the transport's exchanges, for re-routing restored messages
   * @param clock time source for unacked timestamps
   * @param where the masked broker address, for messages
   * @param name a short name for the subscriber thread
   */
  public RedisStore(
      Supplier<JedisPooled> client,
      RedisSettings settings,
      BrokerState state,
      Clock clock,
      String where,
      String name) {
    this.client = client;
    this.settings = settings;
    this.keys = new RedisKeys(settings);
    this.state = state;
    this.clock = clock;
    this.where = where;
    this.fanout = new FanoutSubscriber(client::get, keys, name);
    this.push = new PushWatch(this::dedicatedConnection, name);
  }

  /**
   * A connection made by the pool's own factory (address or Sentinel master, TLS, credentials, db, client name) but not
   * lent by the pool: tracking is connection state that must outlive any one command, and a connection held for the
   * store's lifetime should not take a pool slot.
   */
  private Connection dedicatedConnection() {
    try {
      return jedis().getPool().getFactory().makeObject().getObject();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JedisConnectionException("cannot open a connection to Redis at " + where, e);
    }
  }

  /** @return the key layout this store writes */
  public RedisKeys keys() {
    return keys;
  }

  private JedisPooled jedis() {
    return client.get();
  }

  private KombuException fail(RuntimeException e, String what) {
    return RedisErrors.translate(e, what, where);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Publishing

  @Override
  public void put(String queue, Envelope envelope) {
    String key = keys.bucketKey(queue, envelope.priority());
    String json = EnvelopeCodec.encode(envelope);
    try {
      Long expires = expiresMillis.get(queue);
      if (expires == null) {
        jedis().lpush(key, json);
        return;
      }
      try (PipelineBase p = jedis().pipelined()) {
        p.lpush(key, json);
        for (String k : keys.bucketKeys(queue)) {
          p.pexpire(k, expires);
        }
        p.sync();
      }
    } catch (RuntimeException e) {
      throw fail(e, "LPUSH to queue '" + queue + "'");
    }
  }

  /** One pipeline: a multi-value LPUSH per priority bucket (FIFO kept: LPUSH inserts its values left to right). */
  @Override
  public void putAll(String queue, List<Envelope> envelopes) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Envelope e : envelopes) {
      byKey.computeIfAbsent(keys.bucketKey(queue, e.priority()), k -> new ArrayList<>()).add(EnvelopeCodec.encode(e));
    }
    try (PipelineBase p = jedis().pipelined()) {
      for (Map.Entry<String, List<String>> bucket : byKey.entrySet()) {
        p.lpush(bucket.getKey(), bucket.getValue().toArray(new String[0]));
      }
      Long expires = expiresMillis.get(queue);
      if (expires != null) {
        for (String k : keys.bucketKeys(queue)) {
          p.pexpire(k, expires);
        }
      }
      p.sync();
    } catch (RuntimeException e) {
      throw fail(e, "LPUSH of " + envelopes.size() + " messages to queue '" + queue + "'");
    }
  }

  @Override
  public boolean supportsFanout() {
    return true;
  }

  @Override
  public void putFanout(String exchange, String routingKey, Envelope envelope, Collection<String> queues) {
    String json = EnvelopeCodec.encode(envelope);
    boolean own = fanout.expectOwn(exchange, json);
    try {
      jedis().publish(keys.fanoutChannel(exchange, routingKey), json);
    } catch (RuntimeException e) {
      if (own) {
        fanout.awaitOwn(json, Duration.ZERO);
      }
      throw fail(e, "PUBLISH to fanout exchange '" + exchange + "'");
    }
    if (own) {
      // A get on this connection right after the publish must see the copy for its own bound queues.
      fanout.awaitOwn(json, OWN_FANOUT_WAIT);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Consuming

  @Override
  public @Nullable Envelope get(String queue) {
    return get(queue, false);
  }

  @Override
  public @Nullable Envelope get(String queue, boolean ackRequired) {
    flushAcks();
    String fan = fanout.take(queue);
    if (fan != null) {
      return takeFanout(queue, fan, ackRequired);
    }
    PolledMessage m = pop(jedis(), List.of(queue), q -> ackRequired);
    if (m != null && expiresMillis.containsKey(queue)) {
      refreshExpiry(queue);
    }
    return m == null ? null : m.envelope();
  }

  @Override
  public int batchGetLimit() {
    return PREFETCH_BATCH_LIMIT;
  }

  /**
   * Pops up to {@code max} messages of the queue and records them unacked in one Lua script, which also settles the
   * acks that were waiting: a consumer with prefetch 100 needs one round trip per 100 messages, acks included.
   */
  @Override
  public List<Envelope> getBatch(String queue, int max, boolean ackRequired) {
    if (max <= 1 || fanout.buffered(queue) > 0) {
      Envelope e = get(queue, ackRequired);
      return e == null ? List.of() : List.of(e);
    }
    boolean record = ackRequired && settings.ackEmulation();
    List<String> scriptKeys = new ArrayList<>(keys.bucketKeys(queue));
    scriptKeys.add(keys.unacked());
    scriptKeys.add(keys.unackedIndex());
    List<String> acks = drainPendingAcks();
    List<String> args = new ArrayList<>(3 + acks.size());
    args.add(now());
    args.add(Integer.toString(max));
    args.add(record ? "1" : "0");
    args.addAll(acks);
    Object reply;
    try {
      reply = RedisScripts.POP_BATCH.run(jedis(), scriptKeys, args);
    } catch (RuntimeException e) {
      requeueAcks(acks);
      throw fail(e, "popping up to " + max + " messages from queue '" + queue + "'");
    }
    List<?> items = reply instanceof List ? (List<?>) reply : List.of();
    List<Envelope> out = new ArrayList<>(items.size());
    for (Object item : items) {
      Envelope envelope = read(String.valueOf(item), queue, record);
      if (record && envelope.decodeError() == null) {
        hold(envelope.deliveryTag());
      }
      out.add(envelope);
    }
    if (!out.isEmpty() && expiresMillis.containsKey(queue)) {
      refreshExpiry(queue);
    }
    return out;
  }

  @Override
  public boolean recordsUnackedOnTake() {
    return settings.ackEmulation();
  }

  @Override
  public boolean supportsBlockingPoll() {
    return true;
  }

  /** False while a consumer rides out an outage (see {@link #poll}): ConsumerLoop's health reports it. */
  @Override
  public boolean isReachable() {
    return !unavailable;
  }

  @Override
  public @Nullable PolledMessage poll(List<String> queues, Duration maxWait) {
    return poll(queues, maxWait, q -> false);
  }

  @Override
  public @Nullable PolledMessage poll(List<String> queues, Duration maxWait, Predicate<String> ackRequired) {
    List<String> order = order(queues);
    for (String q : order) {
      String fan = fanout.take(q);
      if (fan != null) {
        rotate(q);
        return new PolledMessage(q, takeFanout(q, fan, ackRequired.test(q)));
      }
    }
    try {
      flushAcks();
      PolledMessage m = waitsAtomically(order, ackRequired)
          ? watchedPop(queues, order, maxWait, ackRequired)
          : popOrBlock(order, maxWait, ackRequired);
      if (unavailable) {
        unavailable = false;
        log.info("Redis at {} is reachable again; consuming resumed", where);
      }
      if (m != null) {
        rotate(m.queue());
      }
      return m;
    } catch (RuntimeException e) {
      if (!RedisErrors.isConnectionError(e)) {
        throw fail(e, "consuming from " + order);
      }
      if (!unavailable) {
        unavailable = true;
        log.warn("Redis at {} is unreachable while consuming ({}); retrying until it is back", where, e.toString());
      }
      pause(maxWait);
      return null;
    }
  }

  /**
   * Whether an idle consumer of these queues waits for push signals. Not when nothing would be recorded (no ack
   * emulation, or only no-ack consumers): a BRPOP then loses nothing a pop could keep, and costs no extra connections.
   */
  private boolean waitsAtomically(List<String> queues, Predicate<String> ackRequired) {
    if (!settings.ackEmulation() || !settings.atomicWait() || pushRefused) {
      return false;
    }
    for (String q : queues) {
      if (ackRequired.test(q)) {
        return true;
      }
    }
    return false;
  }

  /** Kombu's wait: an atomic pop of what is waiting, else BRPOP and a second round trip to record. */
  private @Nullable PolledMessage popOrBlock(List<String> order, Duration maxWait, Predicate<String> ackRequired) {
    PolledMessage m = pop(jedis(), order, ackRequired);
    if (m == null) {
      restoreVisible();
      m = blockingPop(order, maxWait, ackRequired);
    }
    return m;
  }

  /**
   * The loss-free wait: every pop is the Lua script that also records the message. Tracking is switched on for the
   * queues' keys before the first pop, and the signal count is read before each pop, so a push that lands between an
   * empty pop and the wait still ends the wait. A lost signal costs at most {@link #SAFETY_POLL}, never a message.
   */
  private @Nullable PolledMessage watchedPop(List<String> queues, List<String> order, Duration maxWait,
      Predicate<String> ackRequired) {
    UnifiedJedis tracker;
    try {
      tracker = push.track(trackedPrefixes(queues));
    } catch (JedisDataException e) {
      if (!refusesTracking(e)) {
        throw e;
      }
      refusePush(e);
      return popOrBlock(order, maxWait, ackRequired);
    }
    long deadline = System.nanoTime() + waitFor(maxWait).toNanos();
    boolean swept = false;
    try {
      while (true) {
        long seen = push.events();
        PolledMessage m = pop(tracker, order, ackRequired);
        if (m != null) {
          return m;
        }
        if (!swept) {
          swept = true;
          restoreVisible();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        if (!push.await(seen, Duration.ofNanos(Math.min(left, SAFETY_POLL.toNanos()))) && push.isBroken()) {
          // The next poll reopens the watch and pops before it waits again.
          return null;
        }
      }
    } catch (RuntimeException e) {
      push.markBroken();
      throw e;
    }
  }

  /**
   * An error reply to CLIENT ID, SUBSCRIBE or CLIENT TRACKING (unknown command before Redis 6, NOPERM from an ACL)
   * means tracking is not available here; a credentials or loading error is the connection's problem, handled as such.
   */
  private static boolean refusesTracking(RuntimeException e) {
    String msg = String.valueOf(e.getMessage());
    return !RedisErrors.isConnectionError(e) && !msg.startsWith("WRONGPASS") && !msg.startsWith("NOAUTH");
  }

  private void refusePush(RuntimeException e) {
    pushRefused = true;
    push.close();
    log.warn("Redis at {} refused client tracking for push notifications ({}); an idle consumer falls back to BRPOP, "
        + "which pops the message before a second round trip records it in unacked, so a crash or dropped connection "
        + "between the two loses it (Kombu's window). Redis 6+ with CLIENT TRACKING and SUBSCRIBE to {} allowed closes "
        + "it; transport option atomic_wait=false accepts the window without this warning", where, e.getMessage(),
        PushWatch.CHANNEL);
  }

  /**
   * The tracking prefixes of the consumed queues (as the engine lists them, before the fair rotation). Every poll asks,
   * so they are recomputed only when that list changes.
   */
  private List<String> trackedPrefixes(List<String> queues) {
    if (!queues.equals(prefixQueues)) {
      List<String> current = List.copyOf(queues);
      List<String> bucketZero = new ArrayList<>(queues.size());
      for (String q : queues) {
        bucketZero.add(keys.bucketKey(q, 0));
      }
      prefixes = PushWatch.prefixes(bucketZero);
      prefixQueues = current;
    }
    return prefixes;
  }

  /** How long one poll waits: the BRPOP timeout (polling_interval), shorter while fanout messages may be buffered. */
  private Duration waitFor(Duration maxWait) {
    Duration wait = settings.brpopTimeout();
    if (fanout.active() && wait.compareTo(FANOUT_POLL) > 0) {
      wait = FANOUT_POLL;
    }
    if (wait.isZero() || wait.compareTo(maxWait) > 0) {
      wait = maxWait;
    }
    return wait;
  }

  private static void pause(Duration maxWait) {
    long ms = Math.min(maxWait.toMillis(), 500);
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new KombuException("interrupted while waiting for Redis to come back; the thread's interrupt flag is set",
          ie);
    }
  }

  /** Kombu's queue_order_strategy: round_robin rotates the queue that delivered to the end. */
  private synchronized List<String> order(List<String> queues) {
    switch (settings.queueOrderStrategy()) {
      case "sorted" -> {
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(queues));
        sorted.sort(null);
        return sorted;
      }
      case "priority" -> {
        return new ArrayList<>(new LinkedHashSet<>(queues));
      }
      default -> {
        Set<String> wanted = new LinkedHashSet<>(queues);
        roundRobin.retainAll(wanted);
        for (String q : wanted) {
          if (!roundRobin.contains(q)) {
            roundRobin.add(q);
          }
        }
        return new ArrayList<>(roundRobin);
      }
    }
  }

  private synchronized void rotate(String queue) {
    if (roundRobin.remove(queue)) {
      roundRobin.add(queue);
    }
  }

  private Envelope takeFanout(String queue, String json, boolean ackRequired) {
    boolean recordIt = ackRequired && settings.ackEmulation();
    Envelope e = read(json, queue, recordIt);
    if (recordIt && e.decodeError() == null) {
      record(json, e);
    }
    return e;
  }

  /**
   * Reads a taken item. One Kombu did not write (not JSON, not an object, no properties, a bad base64 body…) becomes
   * an {@link Envelope#undecodable} envelope for the consumer's decode-error handler instead of an exception that would
   * end the consumer; when it must be acknowledged, its unacked entry is (re)written as {@code [raw item, "", queue]},
   * which ack, requeue and the visibility sweep all understand, under the tag the pop script may have used already.
   */
  private Envelope read(String item, String queue, boolean recordUnacked) {
    try {
      return EnvelopeCodec.decode(item);
    } catch (DecodeException e) {
      String recorded = EnvelopeCodec.scriptTag(item);
      String tag = recorded == null ? UUID.randomUUID().toString() : recorded;
      if (recordUnacked) {
        try {
          RedisScripts.RECORD.run(jedis(), List.of(keys.unacked(), keys.unackedIndex()),
              List.of(tag, EnvelopeCodec.unackedRawEntry(item, queue), now()));
        } catch (RuntimeException ex) {
          throw fail(ex, "recording unreadable item of queue '" + queue + "' as unacked");
        }
        hold(tag);
      }
      return Envelope.undecodable(item.getBytes(StandardCharsets.UTF_8), e, tag);
    }
  }

  private void record(String json, Envelope e) {
    String entry = EnvelopeCodec.unackedEntry(json, e.exchange(), e.routingKey());
    try {
      RedisScripts.RECORD.run(jedis(), List.of(keys.unacked(), keys.unackedIndex()),
          List.of(e.deliveryTag(), entry, now()));
    } catch (RuntimeException ex) {
      throw fail(ex, "recording unacked message " + e.deliveryTag());
    }
    hold(e.deliveryTag());
  }

  /** BRPOP key order: for each priority step, for each queue. */
  private List<String> popKeys(List<String> queues, Map<String, String> queueOfKey) {
    List<String> out = new ArrayList<>();
    List<List<String>> perQueue = new ArrayList<>();
    for (String q : queues) {
      perQueue.add(keys.bucketKeys(q));
    }
    for (int step = 0; step < settings.prioritySteps().size(); step++) {
      for (int i = 0; i < queues.size(); i++) {
        String k = perQueue.get(i).get(step);
        if (queueOfKey.putIfAbsent(k, queues.get(i)) == null) {
          out.add(k);
        }
      }
    }
    return out;
  }

  private @Nullable PolledMessage pop(UnifiedJedis on, List<String> queues, Predicate<String> ackRequired) {
    if (queues.isEmpty()) {
      return null;
    }
    Map<String, String> queueOfKey = new HashMap<>();
    List<String> listKeys = popKeys(queues, queueOfKey);
    List<String> scriptKeys = new ArrayList<>(listKeys);
    scriptKeys.add(keys.unacked());
    scriptKeys.add(keys.unackedIndex());
    List<String> args = new ArrayList<>(listKeys.size() + 1);
    args.add(now());
    boolean emulate = settings.ackEmulation();
    for (String k : listKeys) {
      args.add(emulate && ackRequired.test(queueOfKey.get(k)) ? "1" : "0");
    }
    Object reply;
    try {
      reply = RedisScripts.POP.run(on, scriptKeys, args);
    } catch (RuntimeException e) {
      throw fail(e, "popping from " + queues);
    }
    if (!(reply instanceof List) || ((List<?>) reply).size() != 2) {
      return null;
    }
    List<?> l = (List<?>) reply;
    int index = ((Number) l.get(0)).intValue() - 1;
    String key = listKeys.get(index);
    String queue = queueOfKey.get(key);
    boolean recorded = emulate && "1".equals(args.get(index + 1));
    Envelope envelope = read(String.valueOf(l.get(1)), queue, recorded);
    if (recorded && envelope.decodeError() == null) {
      hold(envelope.deliveryTag());
    }
    return new PolledMessage(queue, envelope);
  }

  private @Nullable PolledMessage blockingPop(List<String> queues, Duration maxWait, Predicate<String> ackRequired) {
    if (queues.isEmpty()) {
      return null;
    }
    double seconds = Math.max(waitFor(maxWait).toMillis(), 10) / 1000.0;
    Map<String, String> queueOfKey = new HashMap<>();
    List<String> listKeys = popKeys(queues, queueOfKey);
    KeyValue<String, String> kv = jedis().brpop(seconds, listKeys.toArray(new String[0]));
    if (kv == null) {
      return null;
    }
    String queue = queueOfKey.get(kv.getKey());
    if (queue == null) {
      // The reply names the key without our global prefix (a server-side key rename); fall back to Kombu's parsing.
      String k = kv.getKey();
      int sep = k.lastIndexOf(settings.sep());
      queue = sep < 0 ? k : k.substring(0, sep);
    }
    String json = kv.getValue();
    boolean recordIt = settings.ackEmulation() && ackRequired.test(queue);
    Envelope envelope = read(json, queue, recordIt);
    // BRPOP cannot run inside a script, so this record is a second round trip (Kombu's window), taken only when
    // push notifications are off or refused (see watchedPop).
    if (recordIt && envelope.decodeError() == null) {
      record(json, envelope);
    }
    return new PolledMessage(queue, envelope);
  }

  private void refreshExpiry(String queue) {
    Long expires = expiresMillis.get(queue);
    if (expires == null) {
      return;
    }
    try (PipelineBase p = jedis().pipelined()) {
      for (String k : keys.bucketKeys(queue)) {
        p.pexpire(k, expires);
      }
      p.sync();
    } catch (RuntimeException e) {
      throw fail(e, "PEXPIRE of queue '" + queue + "'");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settling

  @Override
  public void recordUnacked(String queue, Envelope envelope) {
    if (settings.ackEmulation()) {
      record(EnvelopeCodec.encode(envelope), envelope);
    }
  }

  /**
   * Settles lazily: the tag's unacked entry is deleted in the same round trip as the next pop (or by the next
   * blocking poll, sweep, lease renewal or close, or at once when {@value #MAX_PENDING_ACKS} are waiting, or when
   * {@code lease_renewal} is off). Until then
   * the message stays in {@code unacked} with its lease no longer renewed; our own sweep settles pending acks first, and
   * a process that dies in between only causes a redelivery, which at-least-once allows.
   */
  @Override
  public void ack(String queue, Envelope envelope) {
    String tag = envelope.deliveryTag();
    release(tag);
    if (!settings.ackEmulation()) {
      return;
    }
    pendingAcks.add(tag);
    // Without lease renewal no background round bounds how long an ack may wait, so it is settled at once.
    if (pendingAckCount.incrementAndGet() >= MAX_PENDING_ACKS || closed || !settings.leaseRenewal()) {
      flushAcks();
    }
  }

  private List<String> drainPendingAcks() {
    List<String> tags = new ArrayList<>();
    String tag;
    while ((tag = pendingAcks.poll()) != null) {
      pendingAckCount.decrementAndGet();
      tags.add(tag);
    }
    return tags;
  }

  private void requeueAcks(List<String> tags) {
    pendingAcks.addAll(tags);
    pendingAckCount.addAndGet(tags.size());
  }

  /** Deletes the unacked entries of every acknowledged tag still waiting, in one round trip. */
  void flushAcks() {
    if (pendingAcks.isEmpty()) {
      return;
    }
    List<String> tags = drainPendingAcks();
    if (tags.isEmpty()) {
      return;
    }
    try {
      RedisScripts.ACK_MANY.run(jedis(), List.of(keys.unacked(), keys.unackedIndex()), tags);
    } catch (RuntimeException e) {
      requeueAcks(tags);
      throw fail(e, "acknowledging " + tags.size() + " message(s)");
    }
  }

  @Override
  public void requeue(String queue, Envelope envelope) {
    putBack(queue, envelope, "L");
  }

  @Override
  public void restore(String queue, Envelope envelope) {
    putBack(queue, envelope, "R");
  }

  private void putBack(String queue, Envelope envelope, String side) {
    String tag = envelope.deliveryTag();
    Envelope marked = EnvelopeCodec.markRedelivered(envelope);
    // An unreadable item goes back exactly as it was stored: re-encoding would turn it into a Kombu envelope.
    String payload = envelope.decodeError() != null
        ? new String(envelope.body(), StandardCharsets.UTF_8) : EnvelopeCodec.encode(marked);
    List<String> scriptKeys = List.of(keys.unacked(), keys.unackedIndex(), keys.bucketKey(queue, marked.priority()));
    try {
      RedisScripts.PUT_BACK.run(jedis(), scriptKeys, List.of(tag, payload, side));
    } catch (RuntimeException e) {
      throw fail(e, ("L".equals(side) ? "requeue" : "restore") + " of message " + tag + " to queue '" + queue + "'");
    }
    release(tag);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Visibility timeout: Kombu's restore_visible, plus lease renewal for what this connection holds

  /** Kombu's throttled sweep; runs after an empty non-blocking pop. */
  void restoreVisible() {
    if (!settings.ackEmulation()) {
      return;
    }
    int throttle = settings.unackedRestoreThrottle();
    synchronized (this) {
      restoreCalls++;
      if (throttle > 1 && restoreCalls % throttle != 1) {
        return;
      }
    }
    sweep();
  }

  /**
   * Restores every unacked message older than the visibility timeout (at most {@code unacked_restore_limit}), holding
   * {@code unacked_mutex} so only one process sweeps at a time.
   *
   * @return how many were restored
   */
  public int sweep() {
    // Never restore a message this connection already acknowledged.
    flushAcks();
    String token = UUID.randomUUID().toString();
    UnifiedJedis j = jedis();
    String ok = j.set(keys.unackedMutex(), token,
        SetParams.setParams().nx().px(settings.unackedMutexExpire().toMillis()));
    if (!"OK".equals(ok)) {
      return 0;
    }
    int restored = 0;
    try {
      double ceiling = nowSeconds() - settings.visibilityTimeout().toMillis() / 1000.0;
      Integer limit = settings.unackedRestoreLimit();
      List<String> tags = limit == null
          ? j.zrevrangeByScore(keys.unackedIndex(), ceiling, 0)
          : j.zrevrangeByScore(keys.unackedIndex(), ceiling, 0, 0, limit);
      for (String tag : tags) {
        if (restoreByTag(tag)) {
          restored++;
        }
      }
    } finally {
      RedisScripts.RELEASE_MUTEX.run(j, List.of(keys.unackedMutex()), List.of(token));
    }
    if (restored > 0) {
      log.info("restored {} message(s) unacknowledged for longer than the visibility timeout ({})", restored,
          settings.visibilityTimeout());
    }
    return restored;
  }

  /** Kombu's restore-by-tag (RPUSH, re-routed through the binding set), atomic through a compare-and-swap script. */
  private boolean restoreByTag(String tag) {
    UnifiedJedis j = jedis();
    String raw = j.hget(keys.unacked(), tag);
    if (raw == null) {
      j.zrem(keys.unackedIndex(), tag);
      return false;
    }
    EnvelopeCodec.UnackedEntry entry;
    try {
      entry = EnvelopeCodec.decodeUnacked(raw);
    } catch (RuntimeException e) {
      log.warn("unacked entry {} cannot be parsed and is left in place: {}", tag, e.getMessage());
      return false;
    }
    Envelope stored = entry.envelope();
    Envelope marked = stored == null ? null : EnvelopeCodec.markRedelivered(stored);
    Set<String> targets = route(entry.exchange(), entry.routingKey(), marked == null ? Map.of() : marked.headers());
    if (targets.isEmpty()) {
      log.warn("cannot restore unacked message {}: exchange '{}' routes key '{}' to no queue; it stays in the unacked "
          + "hash (Kombu would drop it)", tag, entry.exchange(), entry.routingKey());
      return false;
    }
    List<String> scriptKeys = new ArrayList<>();
    scriptKeys.add(keys.unacked());
    scriptKeys.add(keys.unackedIndex());
    for (String q : targets) {
      scriptKeys.add(keys.bucketKey(q, marked == null ? 0 : marked.priority()));
    }
    String payload = marked == null ? entry.rawItem() : EnvelopeCodec.encode(marked);
    Object r = RedisScripts.RESTORE_TAG.run(j, scriptKeys, List.of(tag, raw, payload));
    release(tag);
    return r instanceof Number && ((Number) r).intValue() == 1;
  }

  private Set<String> route(String exchange, String routingKey, Map<String, Object> headers) {
    if (exchange.isEmpty()) {
      return routingKey.isEmpty() ? Set.of() : Set.of(routingKey);
    }
    BrokerState.ExchangeDefinition def = state.exchange(exchange);
    ExchangeType type = def == null ? ExchangeType.DIRECT : def.type();
    List<BindingRow> rows = new ArrayList<>(state.table(exchange));
    List<BindingRow> persisted = bindings(exchange);
    if (persisted != null) {
      for (BindingRow row : persisted) {
        if (rows.stream().noneMatch(row::sameTriple)) {
          rows.add(row);
        }
      }
    }
    return ExchangeRouting.lookup(type, rows, routingKey, headers);
  }

  private void hold(String tag) {
    heldTags.add(tag);
    startRenewer();
  }

  private void release(String tag) {
    heldTags.remove(tag);
  }

  private void startRenewer() {
    synchronized (renewerLock) {
      if (renewer != null || closed || !settings.leaseRenewal()) {
        return;
      }
      long period = Math.max(200, Math.min(settings.visibilityTimeout().toMillis() / 4, 300_000));
      ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kombu-redis-lease-" + Integer.toHexString(System.identityHashCode(this)));
        t.setDaemon(true);
        return t;
      });
      s.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
      renewer = s;
    }
  }

  /**
   * Moves the {@code unacked_index} timestamp of every message this connection still holds to now ({@code ZADD XX}), so
   * that no sweep (ours or a Python worker's) redelivers a message whose handler is merely slow. Messages of a process
   * that died keep their old timestamp and are restored after the visibility timeout, as in Kombu.
   *
   * @return how many leases were renewed
   */
  public int renewLeases() {
    try {
      flushAcks();
    } catch (RuntimeException e) {
      log.debug("settling acknowledged messages failed; retried on the next round", e);
    }
    List<String> tags = new ArrayList<>(heldTags);
    if (tags.isEmpty() || closed) {
      return 0;
    }
    List<String> args = new ArrayList<>(tags.size() + 1);
    args.add(now());
    args.addAll(tags);
    try {
      Object n = RedisScripts.EXTEND.run(jedis(), List.of(keys.unackedIndex()), args);
      fanout.ping();
      return n instanceof Number ? ((Number) n).intValue() : 0;
    } catch (RuntimeException e) {
      log.debug("lease renewal failed; retried on the next round", e);
      return 0;
    }
  }

  /** Unix time with six decimals, as {@code "%.6f"} would print it, without String.format's cost on every pop. */
  private String now() {
    long ms = clock.millis();
    long frac = ms % 1000;
    return (ms / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac + "000";
  }

  private double nowSeconds() {
    return clock.millis() / 1000.0;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Queues and bindings

  @Override
  public long size(String queue) {
    try (PipelineBase p = jedis().pipelined()) {
      List<Response<Long>> sizes = new ArrayList<>();
      for (String k : keys.bucketKeys(queue)) {
        sizes.add(p.llen(k));
      }
      p.sync();
      long total = fanout.buffered(queue);
      for (Response<Long> r : sizes) {
        total += r.get();
      }
      return total;
    } catch (RuntimeException e) {
      throw fail(e, "LLEN of queue '" + queue + "'");
    }
  }

  @Override
  public long purge(String queue) {
    try {
      Object n = RedisScripts.PURGE.run(jedis(), keys.bucketKeys(queue), List.of());
      return ((Number) n).longValue() + fanout.clear(queue);
    } catch (RuntimeException e) {
      throw fail(e, "purge of queue '" + queue + "'");
    }
  }

  @Override
  public void delete(String queue) {
    try {
      jedis().del(keys.bucketKeys(queue).toArray(new String[0]));
      fanout.clear(queue);
      expiresMillis.remove(queue);
    } catch (RuntimeException e) {
      throw fail(e, "DEL of queue '" + queue + "'");
    }
  }

  @Override
  public void newQueue(String queue, Map<String, Object> arguments) {
    Object expires = arguments.get("x-expires");
    if (expires instanceof Number) {
      expiresMillis.put(queue, ((Number) expires).longValue());
    } else {
      expiresMillis.remove(queue);
    }
  }

  @Override
  public boolean hasQueue(String queue) {
    try {
      return jedis().exists(keys.bucketKeys(queue).toArray(new String[0])) > 0;
    } catch (RuntimeException e) {
      throw fail(e, "EXISTS of queue '" + queue + "'");
    }
  }

  @Override
  public void bind(String exchange, ExchangeType type, BindingRow row) {
    try {
      jedis().sadd(keys.bindingKey(exchange), keys.bindingMember(row.routingKey(), row.pattern(), row.queue()));
    } catch (RuntimeException e) {
      throw fail(e, "SADD of a binding of exchange '" + exchange + "'");
    }
    if (ExchangeType.FANOUT.equals(type)) {
      fanout.bind(exchange, row.queue());
    }
  }

  @Override
  public void unbind(String exchange, BindingRow row) {
    try {
      jedis().srem(keys.bindingKey(exchange), keys.bindingMember(row.routingKey(), row.pattern(), row.queue()));
    } catch (RuntimeException e) {
      throw fail(e, "SREM of a binding of exchange '" + exchange + "'");
    }
    fanout.unbind(exchange, row.queue());
  }

  @Override
  public @Nullable List<BindingRow> bindings(String exchange) {
    Set<String> members;
    try {
      members = jedis().smembers(keys.bindingKey(exchange));
    } catch (RuntimeException e) {
      throw fail(e, "SMEMBERS of exchange '" + exchange + "'");
    }
    List<BindingRow> rows = new ArrayList<>(members.size());
    String sep = settings.sep();
    for (String m : members) {
      int a = m.indexOf(sep);
      int b = a < 0 ? -1 : m.indexOf(sep, a + sep.length());
      if (b < 0) {
        log.warn("ignored malformed binding '{}' in {}: expected routing_key{}pattern{}queue", m,
            keys.bindingKey(exchange), "<sep>", "<sep>");
        continue;
      }
      String pattern = m.substring(a + sep.length(), b);
      rows.add(BindingRow.of(m.substring(0, a), pattern.isEmpty() ? null : pattern, m.substring(b + sep.length())));
    }
    return rows;
  }

  /** @return a PING round trip to the server: the health check */
  public Duration ping() {
    long start = System.nanoTime();
    try {
      jedis().ping();
    } catch (RuntimeException e) {
      throw fail(e, "PING");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    closed = true;
    try {
      flushAcks();
    } catch (RuntimeException e) {
      log.warn("could not settle {} acknowledged message(s) at close ({}); Redis redelivers them after the visibility "
          + "timeout", pendingAckCount.get(), e.toString());
    }
    fanout.close();
    push.close();
    synchronized (renewerLock) {
      if (renewer != null) {
        renewer.shutdownNow();
        renewer = null;
      }
    }
  }
}
