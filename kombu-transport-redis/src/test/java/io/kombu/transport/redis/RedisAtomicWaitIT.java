package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;

/**
 * Issue 5's "no loss window" for an idle consumer: a message that arrives while the consumer waits is popped and
 * recorded in {@code unacked} by one script, never by a BRPOP followed by a second round trip (Kombu issues #305,
 * #1836).
 * Producers here are raw Jedis LPUSHes of Kombu envelopes, exactly what a Python producer sends.
 */
@RequiresBroker("redis")
@DisplayName("an idle Redis consumer pops and records atomically")
class RedisAtomicWaitIT {
  private final String prefix = "atomicwait-" + UUID.randomUUID().toString().substring(0, 8);
  private final String clientName = prefix + "-consumer";
  /**
   * This test's own unacked hash, index and sweep mutex: a CLIENT KILL that lands during a sweep leaves the mutex held
   * for unacked_mutex_expire (300 s), which must not stall other suites' sweeps on the shared database.
   */
  private final String unacked = prefix + ".unacked";
  private JedisPooled redis;
  /** For CLIENT LIST, which the pooled client lacks. */
  private Jedis admin;

  @BeforeEach
  void setUp() {
    redis = RedisTestSupport.client();
    admin = rawJedis();
  }

  @AfterEach
  void tearDown() {
    RedisTestSupport.deleteKeys(redis, prefix + "*", "_kombu.binding." + prefix + "*");
    redis.close();
    admin.close();
  }

  /** A Kombu envelope as Python's Producer.publish writes it to the list, with the tag also in the body. */
  private static String envelope(String queue, String tag, int priority) {
    String body = "{\"tag\": \"" + tag + "\"}";
    String b64 = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    return "{\"body\": \"" + b64 + "\", \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", "
        + "\"headers\": {}, \"properties\": {\"delivery_mode\": 2, \"delivery_info\": {\"exchange\": \"\", "
        + "\"routing_key\": \"" + queue + "\"}, \"priority\": " + priority + ", \"body_encoding\": \"base64\", "
        + "\"delivery_tag\": \"" + tag + "\"}}";
  }

  private static String tagOf(Object body) {
    return (String) ((Map<?, ?>) body).get("tag");
  }

  private Connection connect(Map<String, Object> options) {
    Map<String, Object> all = new HashMap<>(options);
    all.put("client_name", clientName);
    return connect(TestBrokers.url("redis"), all);
  }

  private Connection connect(String url, Map<String, Object> options) {
    Map<String, Object> all = new HashMap<>(options);
    all.put("unacked_key", unacked);
    all.put("unacked_index_key", unacked + "_index");
    all.put("unacked_mutex_key", unacked + "_mutex");
    return Kombu.builder().url(url).transportOptions(TransportOptions.of(all)).build();
  }

  /** Runs drainEvents on its own thread until stopped, as a worker does. */
  private static final class DrainLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;

    DrainLoop(Connection conn) {
      thread = new Thread(() -> {
        while (!stop) {
          try {
            conn.drainEvents(Duration.ofMillis(300));
          } catch (KombuTimeoutException e) {
            // nothing arrived: drain again
          } catch (KombuException e) {
            // a killed connection may surface here once per kill; the next drain reconnects
          }
        }
      }, "drain-loop");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join(10_000);
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after 20 s: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /** CLIENT LIST lines of the consumer's connections. */
  private List<Map<String, String>> consumerClients() {
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : admin.clientList().split("\n")) {
      Map<String, String> fields = new HashMap<>();
      for (String kv : line.trim().split(" ")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          fields.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      if (clientName.equals(fields.get("name"))) {
        out.add(fields);
      }
    }
    return out;
  }

  /** The consumer waits: blocked in BRPOP (flag b) or with push tracking on (flag t) for the push wait. */
  private boolean consumerWaits() {
    for (Map<String, String> c : consumerClients()) {
      String flags = c.getOrDefault("flags", "");
      if (flags.contains("b") || flags.contains("t")) {
        return true;
      }
    }
    return false;
  }

  /** A MONITOR connection collecting the commands that mention this test's keys. */
  private final class Monitor {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Jedis jedis = rawJedis();
    private final Thread thread = new Thread(() -> {
      try {
        jedis.monitor(new JedisMonitor() {
          @Override
          public void onCommand(String command) {
            if (command.contains(prefix)) {
              lines.add(command);
            }
          }
        });
      } catch (RuntimeException e) {
        // closing the monitor connection ends the MONITOR
      }
    }, "monitor");

    Monitor() {
      thread.start();
    }

    List<String> stop() throws InterruptedException {
      jedis.disconnect();
      thread.join(5000);
      return List.copyOf(lines);
    }
  }

  private static Jedis rawJedis() {
    URI uri = URI.create(TestBrokers.url("redis"));
    Jedis j = new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    j.select(RedisTestSupport.db());
    return j;
  }

  @Test
  @DisplayName("messages LPUSHed to an idle consumer's queue, priority bucket and second queue arrive, are recorded in "
      + "unacked before the handler runs, and are never popped outside a script")
  void idleConsumerNeverPopsOutsideAScript() throws Exception {
    String qa = prefix + ".a";
    String qb = prefix + ".b";
    List<String> monitored;
    Monitor monitor = new Monitor();
    Map<String, Boolean> recordedWhenHandled = new ConcurrentHashMap<>();
    try (Connection conn = connect(Map.of())) {
      conn.defaultChannel().declare(Queue.of(qa));
      conn.defaultChannel().declare(Queue.of(qb));
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(qa), Queue.of(qb)).prefetchCount(10)
          .handler((body, message) -> {
            String tag = tagOf(body);
            recordedWhenHandled.put(tag, redis.hexists(unacked, tag));
            message.ack();
          }).build());
           DrainLoop loop = new DrainLoop(conn)) {
        List<String[]> targets = List.of(new String[] {qa, qa, "0"},
            new String[] {qa + "\u0006\u00169", qa, "9"}, new String[] {qb, qb, "0"});
        for (String[] t : targets) {
          await("the consumer waits for messages", this::consumerWaits);
          String tag = UUID.randomUUID().toString();
          redis.lpush(t[0], envelope(t[1], tag, Integer.parseInt(t[2])));
          await("the message pushed to " + t[0] + " is handled", () -> recordedWhenHandled.containsKey(tag));
          assertThat(recordedWhenHandled.get(tag)).as("unacked holds %s when the handler runs", tag).isTrue();
        }
      }
    } finally {
      monitored = monitor.stop();
    }
    assertThat(recordedWhenHandled).hasSize(3);
    List<String> popsOutsideScripts = monitored.stream()
        .filter(line -> !line.contains(" lua]"))
        .filter(line -> line.matches("(?i).*\"(BRPOP|RPOP|BLPOP|LPOP|BRPOPLPUSH|BLMOVE|LMOVE|BLMPOP|LMPOP)\".*"))
        .toList();
    assertThat(popsOutsideScripts).as("pops of our queues outside EVAL/EVALSHA").isEmpty();
    assertThat(monitored).as("our queues were popped inside scripts").anyMatch(l -> l.contains(" lua]")
        && l.contains("\"RPOP\""));
  }

  @Test
  @DisplayName("killing every connection of an idle consumer right after a push leaves each message delivered, queued "
      + "or in unacked: none lost")
  void killedWhileIdleLosesNothing() throws Exception {
    String queue = prefix + ".crash";
    int rounds = 15;
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    List<String> pushed = new ArrayList<>();
    try (Connection conn = connect(Map.of())) {
      conn.defaultChannel().declare(Queue.of(queue));
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(10)
          .handler((body, message) -> {
            delivered.add(tagOf(body));
            message.ack();
          }).build());
           DrainLoop loop = new DrainLoop(conn);
           Jedis killer = rawJedis()) {
        for (int i = 0; i < rounds; i++) {
          await("the consumer waits for messages", this::consumerWaits);
          List<String> ids = new ArrayList<>();
          for (Map<String, String> c : consumerClients()) {
            ids.add(c.get("id"));
          }
          String tag = UUID.randomUUID().toString();
          pushed.add(tag);
          // One pipeline, so Redis runs the kill in the same event-loop turn as the push: a BRPOP served by the push
          // has its reply discarded with the connection, the loss Kombu has.
          Pipeline p = killer.pipelined();
          p.lpush(queue, envelope(queue, tag, 0));
          for (String id : ids) {
            p.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id);
          }
          p.sync();
          await("message " + tag + " is delivered, or still in its queue or in unacked (else it was lost)",
              () -> delivered.contains(tag)
              || redis.lrange(queue, 0, -1).stream().anyMatch(m -> m.contains(tag))
              || redis.hexists(unacked, tag));
        }
        await("every message the consumer can still take is delivered",
            () -> delivered.size() + redis.llen(queue) + unackedOf(pushed) >= rounds);
      }
    }
    Set<String> accounted = new HashSet<>(delivered);
    for (String item : redis.lrange(queue, 0, -1)) {
      pushed.stream().filter(item::contains).forEach(accounted::add);
    }
    for (String tag : pushed) {
      if (redis.hexists(unacked, tag)) {
        accounted.add(tag);
      }
    }
    assertThat(accounted).as("messages delivered, queued or in unacked").containsAll(pushed);
  }

  private long unackedOf(List<String> tags) {
    return tags.stream().filter(t -> redis.hexists(unacked, t)).count();
  }

  @Test
  @DisplayName("atomic_wait=false waits in BRPOP as Kombu does, and still delivers and records the message")
  void atomicWaitOffUsesBrpop() throws Exception {
    String queue = prefix + ".brpop";
    Set<String> seen = ConcurrentHashMap.newKeySet();
    try (Connection conn = connect(Map.of("atomic_wait", false))) {
      conn.defaultChannel().declare(Queue.of(queue));
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue))
          .handler((body, message) -> {
            seen.add(tagOf(body));
            message.ack();
          }).build());
           DrainLoop loop = new DrainLoop(conn)) {
        await("the consumer blocks in BRPOP", () -> consumerClients().stream()
            .anyMatch(c -> "brpop".equals(c.get("cmd")) && c.getOrDefault("flags", "").contains("b")));
        assertThat(consumerClients()).noneMatch(c -> c.getOrDefault("flags", "").contains("t"));
        String tag = UUID.randomUUID().toString();
        redis.lpush(queue, envelope(queue, tag, 0));
        await("the message is handled", () -> seen.contains(tag));
      }
    }
  }

  @Test
  @DisplayName("a user whose ACL forbids CLIENT falls back to BRPOP (with a WARN) and still receives messages")
  void trackingRefusedFallsBackToBrpop() throws Exception {
    String queue = prefix + ".acl";
    String user = prefix + "-user";
    String password = UUID.randomUUID().toString();
    admin.aclSetUser(user, "reset", "on", ">" + password, "~*", "&*", "+@all", "-client");
    Set<String> seen = ConcurrentHashMap.newKeySet();
    URI base = URI.create(TestBrokers.url("redis"));
    String url = "redis://" + user + ":" + password + "@" + base.getHost() + ":"
        + (base.getPort() < 0 ? 6379 : base.getPort()) + "/" + RedisTestSupport.db();
    try (Connection conn = connect(url, Map.of())) {
      conn.defaultChannel().declare(Queue.of(queue));
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue))
          .handler((body, message) -> {
            seen.add(tagOf(body));
            message.ack();
          }).build());
           DrainLoop loop = new DrainLoop(conn)) {
        await("the consumer blocks in BRPOP", () -> admin.clientList().lines()
            .anyMatch(l -> l.contains(" user=" + user + " ") && l.contains(" cmd=brpop ")));
        String tag = UUID.randomUUID().toString();
        redis.lpush(queue, envelope(queue, tag, 0));
        await("the message is handled", () -> seen.contains(tag));
      }
    } finally {
      admin.aclDelUser(user);
    }
  }

  @Test
  @DisplayName("consuming one more queue while idle switches tracking to prefixes that cover it")
  void newQueueIsTracked() throws Exception {
    String qa = prefix + ".first";
    String qc = prefix + ".second";
    Monitor monitor = new Monitor();
    List<String> monitored;
    Set<String> seen = ConcurrentHashMap.newKeySet();
    try (Connection conn = connect(Map.of())) {
      conn.defaultChannel().declare(Queue.of(qa));
      conn.defaultChannel().declare(Queue.of(qc));
      try (Consumer first = conn.consumer(ConsumerOptions.builder(Queue.of(qa))
          .handler((body, message) -> message.ack()).build())) {
        drainIdle(conn);
        try (Consumer second = conn.consumer(ConsumerOptions.builder(Queue.of(qc))
            .handler((body, message) -> {
              seen.add(tagOf(body));
              message.ack();
            }).build())) {
          drainIdle(conn);
          String tag = UUID.randomUUID().toString();
          redis.lpush(qc, envelope(qc, tag, 0));
          conn.drainEvents(Duration.ofSeconds(10));
          assertThat(seen).containsExactly(tag);
        }
      }
    } finally {
      monitored = monitor.stop();
    }
    // The monitor keeps only lines naming our keys, so the CLIENT TRACKING OFF in between is not among them.
    List<String> tracking = monitored.stream().filter(l -> l.contains("\"TRACKING\"")).toList();
    assertThat(tracking).as("CLIENT TRACKING commands").hasSize(2);
    assertThat(tracking.get(0)).contains("\"ON\"", "\"PREFIX\" \"" + qa + "\"").doesNotContain(qc);
    assertThat(tracking.get(1)).contains("\"ON\"", "\"PREFIX\" \"" + qa + "\"", "\"PREFIX\" \"" + qc + "\"",
        "\"NOLOOP\"");
  }

  private static void drainIdle(Connection conn) {
    try {
      conn.drainEvents(Duration.ofMillis(200));
    } catch (KombuTimeoutException e) {
      // nothing to consume: the consumer waited, with tracking on
    }
  }
}
