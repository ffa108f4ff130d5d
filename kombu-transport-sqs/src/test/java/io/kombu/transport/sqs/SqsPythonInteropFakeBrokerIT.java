package io.kombu.transport.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.SimpleQueue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.PythonKombu;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@DisplayName("Python Kombu's SQS transport and the Java SQS transport understand each other on ElasticMQ (a fake SQS)")
class SqsPythonInteropFakeBrokerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PY_OPTS =
      "opts = {'region': 'elasticmq', 'is_secure': False, 'wait_time_seconds': 1}";

  private static final String PYTHON_PUT = String.join("\n",
      "import sys",
      "from kombu import Connection",
      PY_OPTS,
      "with Connection(sys.argv[1], transport_options=opts) as c:",
      "    q = c.SimpleQueue(sys.argv[2])",
      "    q.put({'hello': 'from python', 'n': 1}, headers={'x-app': 'py'}, compression='zlib', priority=5)",
      "    q.put('second', serializer='json')",
      "    q.close()");

  private static final String PYTHON_GET = String.join("\n",
      "import sys, json",
      "from kombu import Connection",
      PY_OPTS,
      "with Connection(sys.argv[1], transport_options=opts) as c:",
      "    q = c.SimpleQueue(sys.argv[2])",
      "    for i in range(int(sys.argv[3])):",
      "        m = q.get(timeout=10)",
      "        print(json.dumps({'body': m.decode(), 'headers': m.headers, 'ct': m.content_type}, sort_keys=True))",
      "        m.ack()",
      "    q.close()");

  /** Publishes to a FIFO queue with Kombu's publish kwargs, one of them a duplicate deduplication id. */
  private static final String PYTHON_PUT_FIFO = String.join("\n",
      "import sys",
      "from kombu import Connection",
      PY_OPTS,
      "with Connection(sys.argv[1], transport_options=opts) as c:",
      "    q = c.SimpleQueue(sys.argv[2])",
      "    for s in ('p1', 'p2', 'p2', 'p3'):",
      "        q.put(s, MessageGroupId='g1', MessageDeduplicationId=s)",
      "    q.close()");

  /** Consumes through a Kombu Hub: the pycurl AsyncSQSConnection path that Celery workers use. */
  private static final String PYTHON_HUB_CONSUME = String.join("\n",
      "import sys, json, time",
      "from kombu import Connection, Consumer, Queue",
      "from kombu.asynchronous import Hub, set_event_loop",
      PY_OPTS,
      "hub = Hub()",
      "set_event_loop(hub)",
      "got = []",
      "def on_message(body, message):",
      "    got.append(body)",
      "    message.ack()",
      "with Connection(sys.argv[1], transport_options=opts) as c:",
      "    c.register_with_event_loop(hub)",
      "    with Consumer(c, [Queue(sys.argv[2])], callbacks=[on_message], accept=['json', 'text/plain']):",
      "        deadline = time.time() + 30",
      "        while len(got) < int(sys.argv[3]) and time.time() < deadline:",
      "            hub.run_once()",
      "print(json.dumps(got))");

  private static ElasticMq server;
  private static SqsClient raw;

  @BeforeAll
  static void startServer() {
    server = ElasticMq.start();
    raw = server.rawClient();
  }

  @AfterAll
  static void stopServer() {
    raw.close();
    server.close();
  }

  private static Connection connect() {
    return Kombu.connect(server.kombuUrl(), TransportOptions.of(Map.of("region", "elasticmq", "wait_time_seconds", 1)));
  }

  private static String name(String role) {
    return "interop." + role + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long messagesLeft(String sqsName) {
    String url = raw.getQueueUrl(b -> b.queueName(sqsName)).queueUrl();
    Map<QueueAttributeName, String> a = raw.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Test
  @DisplayName("messages Python Kombu publishes (json, zlib, headers) are decoded and acked by Java")
  void pythonToJava() {
    String queue = name("py2java");
    PythonKombu.run(PYTHON_PUT, server.kombuUrl(), queue);

    try (Connection conn = connect(); SimpleQueue q = conn.simpleQueue(queue)) {
      Message first = q.get(WAIT);
      assertThat(first.decode()).isEqualTo(Map.of("hello", "from python", "n", 1));
      assertThat(first.headers()).containsEntry("x-app", "py");
      assertThat(first.properties()).containsEntry("priority", 5L);
      first.ack();
      Message second = q.get(WAIT);
      assertThat(second.decode()).isEqualTo("second");
      second.ack();
    }
    assertThat(messagesLeft("interop-py2java" + queue.substring("interop.py2java".length())))
        .as("both messages were deleted from SQS by the acks").isZero();
  }

  @Test
  @DisplayName("messages Java publishes are decoded and acked by Python Kombu, through the same mangled SQS queue")
  void javaToPython() {
    String queue = name("java2py");
    try (Connection conn = connect(); SimpleQueue q = conn.simpleQueue(queue)) {
      q.put(Map.of("hello", "from java", "n", 2), PublishOptions.builder().header("x-app", "java").build());
      q.put(List.of(1, "two"), PublishOptions.builder().compression("zlib").build());
    }

    List<String> lines = PythonKombu.run(PYTHON_GET, server.kombuUrl(), queue, "2");

    assertThat(lines).containsExactly(
        "{\"body\": {\"hello\": \"from java\", \"n\": 2}, \"ct\": \"application/json\", \"headers\": {\"x-app\": \"java\"}}",
        "{\"body\": [1, \"two\"], \"ct\": \"application/json\", \"headers\": {\"compression\": \"application/x-gzip\"}}");
    assertThat(messagesLeft("interop-java2py" + queue.substring("interop.java2py".length()))).isZero();
  }

  @Test
  @DisplayName("a FIFO queue Python Kombu fills with MessageGroupId keeps its order for Java and drops the duplicate")
  void fifoPythonToJava() {
    String queue = "interop-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo";
    PythonKombu.run(PYTHON_PUT_FIFO, server.kombuUrl(), queue);

    List<Object> got = new java.util.ArrayList<>();
    try (Connection conn = connect(); SimpleQueue q = conn.simpleQueue(queue)) {
      for (int i = 0; i < 3; i++) {
        Message m = q.get(WAIT);
        got.add(m.decode());
        m.ack();
      }
      assertThat(q.qsize()).isZero();
    }
    assertThat(got).containsExactly("p1", "p2", "p3");
  }

  @Test
  @DisplayName("Python Kombu consuming through a Hub (Celery's async pycurl path) reads what Java published")
  void javaToPythonHub() {
    String queue = name("hub");
    try (Connection conn = connect(); SimpleQueue q = conn.simpleQueue(queue)) {
      q.put(Map.of("n", 1));
      q.put("two");
    }

    List<String> lines = PythonKombu.run(PYTHON_HUB_CONSUME, server.kombuUrl(), queue, "2");

    assertThat(lines).last().isEqualTo("[{\"n\": 1}, \"two\"]");
  }

  @Test
  @DisplayName("a message Java requeues is visible to Python Kombu at once")
  void javaRequeueThenPythonGets() {
    String queue = name("requeue");
    try (Connection conn = connect(); SimpleQueue q = conn.simpleQueue(queue)) {
      q.put("bounce");
      Message m = q.get(WAIT);
      m.requeue();
    }

    List<String> lines = PythonKombu.run(PYTHON_GET, server.kombuUrl(), queue, "1");

    assertThat(lines).containsExactly("{\"body\": \"bounce\", \"ct\": \"text/plain\", \"headers\": {}}");
  }

  @Test
  @DisplayName("a FIFO queue keeps Java's publish order for Python and drops a duplicate deduplication id")
  void fifoJavaToPython() {
    String queue = "interop-" + UUID.randomUUID().toString().substring(0, 8) + ".fifo";
    try (Connection conn = connect(); SimpleQueue q = conn.simpleQueue(queue)) {
      for (String s : List.of("f1", "f2", "f2", "f3")) {
        q.put(s, PublishOptions.builder().property("MessageGroupId", "g1").property("MessageDeduplicationId", s).build());
      }
    }

    List<String> lines = PythonKombu.run(PYTHON_GET, server.kombuUrl(), queue, "3");

    assertThat(lines).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly(
        "{\"body\": \"f1\"", "{\"body\": \"f2\"", "{\"body\": \"f3\"");
    assertThat(messagesLeft(queue)).isZero();
  }
}
