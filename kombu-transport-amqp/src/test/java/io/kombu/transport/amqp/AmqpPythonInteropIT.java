package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.BrokerUrls;
import io.kombu.core.Kombu;
import io.kombu.spi.BrokerUrl;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import io.kombu.testkit.PythonKombu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@RequiresBroker("amqp")
@DisplayName("Kombu-Java on AMQP and Python Kombu (py-amqp) read each other's messages")
class AmqpPythonInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Publishes what py-amqp would: an int header beyond 32 bits is written with the type tag 'L'. */
  private static final String PYTHON_PUBLISH = String.join("\n",
      "import sys",
      "from kombu import Connection",
      "with Connection(sys.argv[1]) as c:",
      "    c.Producer().publish({'hello': 'from python', 'n': 1}, exchange='', routing_key=sys.argv[2],",
      "        serializer='json', compression='zlib', priority=5, correlation_id='corr-py', reply_to='replies',",
      "        message_id='mid-py', type='py-type', app_id='py-app', expiration=60, timestamp=1700000000,",
      "        headers={'x-big': 2**40, 'x-neg': -2**40, 'x-min': -2**31, 'x-int': 42, 'x-str': 'v',",
      "                 'x-list': [1, 'two', 2**40], 'x-map': {'k': 'v', 'big': 2**62}, 'x-float': 1.5,",
      "                 'x-bool': True, 'x-null': None})");

  /** Reads one message with Python Kombu and prints each value with its Python type. */
  private static final String PYTHON_GET = String.join("\n",
      "import sys",
      "from kombu import Connection, Queue",
      "with Connection(sys.argv[1]) as c:",
      "    m = Queue(sys.argv[2], channel=c.default_channel).get(no_ack=True)",
      "    print('body=%r' % (m.decode(),))",
      "    print('content_type=%s' % m.content_type)",
      "    print('content_encoding=%s' % m.content_encoding)",
      "    for k in sorted(m.headers):",
      "        v = m.headers[k]",
      "        print('header %s=%s:%r' % (k, type(v).__name__, v))",
      "    for k in ('priority', 'correlation_id', 'reply_to', 'message_id', 'type', 'app_id', 'delivery_mode'):",
      "        print('property %s=%r' % (k, m.properties.get(k)))");

  private final String queueName = "amqp-interop-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Connection> connections = new ArrayList<>();
  private Connection connection;

  @BeforeEach
  void declare() {
    connection = Kombu.connect(TestBrokers.url("amqp"));
    connections.add(connection);
    connection.defaultChannel().declare(Queue.builder(queueName).durable(false).build());
  }

  @AfterEach
  void cleanUp() {
    try (Connection c = Kombu.connect(TestBrokers.url("amqp"))) {
      c.defaultChannel().queueDelete(queueName, false, false);
    } finally {
      connections.forEach(Connection::close);
    }
  }

  static String pythonUrl() {
    BrokerUrl u = BrokerUrls.parseOne(TestBrokers.url("amqp"));
    String host = u.hostname() == null || "localhost".equals(u.hostname()) ? "127.0.0.1" : u.hostname();
    return "pyamqp://" + (u.userid() == null ? "guest" : u.userid()) + ":" + (u.password() == null ? "guest" : u.password())
        + "@" + host + ":" + (u.port() == null ? 5672 : u.port()) + "//";
  }

  @Test
  @DisplayName("a Python message with 64-bit 'L' headers, zlib compression and properties arrives intact in Java")
  void pythonToJava() {
    PythonKombu.run(PYTHON_PUBLISH, pythonUrl(), queueName);
    List<Message> got = new CopyOnWriteArrayList<>();
    Queue queue = Queue.builder(queueName).durable(false).build();

    try (var consumer = connection.consumer(queue, (body, message) -> got.add(message))) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (got.isEmpty() && System.nanoTime() < deadline) {
        connection.drainEvents(WAIT);
      }
    }

    assertThat(got).hasSize(1);
    Message m = got.get(0);
    assertThat(m.decode()).isInstanceOfSatisfying(Map.class, body -> {
      assertThat(body.get("hello")).isEqualTo("from python");
      assertThat(((Number) body.get("n")).longValue()).isEqualTo(1L);
    });
    assertThat(m.headers())
        .containsEntry("x-big", 1L << 40)
        .containsEntry("x-neg", -(1L << 40))
        .containsEntry("x-min", -(1L << 31))
        .containsEntry("x-int", 42)
        .containsEntry("x-str", "v")
        .containsEntry("x-list", List.of(1, "two", 1L << 40))
        .containsEntry("x-map", Map.of("k", "v", "big", 1L << 62))
        .containsEntry("x-float", 1.5d)
        .containsEntry("x-bool", true)
        .containsEntry("x-null", null)
        .containsEntry("compression", "application/x-gzip");
    assertThat(m.properties())
        .containsEntry("content_type", "application/json")
        .containsEntry("priority", 5)
        .containsEntry("correlation_id", "corr-py")
        .containsEntry("reply_to", "replies")
        .containsEntry("message_id", "mid-py")
        .containsEntry("type", "py-type")
        .containsEntry("app_id", "py-app")
        .containsEntry("expiration", "60000")
        .containsEntry("timestamp", 1_700_000_000L)
        .containsEntry("delivery_mode", 2);
    m.ack();
    assertThat(connection.isConnected()).isTrue();
  }

  @Test
  @DisplayName("a Java message's headers, compression and properties read back in Python as the same values")
  void javaToPython() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("x-short", (short) 7);
    headers.put("x-byte", (byte) -3);
    headers.put("x-long-small", -5L);
    headers.put("x-long-big", 1L << 40);
    headers.put("x-long-neg", -(1L << 40));
    headers.put("x-str", "v");
    headers.put("x-list", List.of(1, "two"));
    headers.put("x-map", Map.of("k", "v"));
    headers.put("x-bool", true);
    headers.put("x-double", 2.5d);
    Channel ch = connection.defaultChannel();
    ch.producer().publish(Map.of("hello", "from java"), PublishOptions.builder()
        .exchange(Exchange.DEFAULT).routingKey(queueName).compression("zlib").priority(4).headers(headers)
        .correlationId("corr-java").replyTo("replies").messageId("mid-java").type("java-type").appId("java-app")
        .build());

    List<String> lines = PythonKombu.run(PYTHON_GET, pythonUrl(), queueName);

    assertThat(lines).contains(
        "body={'hello': 'from java'}",
        "content_type=application/json",
        "content_encoding=utf-8",
        "header compression=str:'application/x-gzip'",
        "header x-short=int:7",
        "header x-byte=int:-3",
        "header x-long-small=int:-5",
        "header x-long-big=int:1099511627776",
        "header x-long-neg=int:-1099511627776",
        "header x-str=str:'v'",
        "header x-list=list:[1, 'two']",
        "header x-map=dict:{'k': 'v'}",
        "header x-bool=bool:True",
        "header x-double=float:2.5",
        "property priority=4",
        "property correlation_id='corr-java'",
        "property reply_to='replies'",
        "property message_id='mid-java'",
        "property type='java-type'",
        "property app_id='java-app'",
        "property delivery_mode=2");
  }
}
