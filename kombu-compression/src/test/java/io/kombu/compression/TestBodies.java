package io.kombu.compression;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic bodies for the codec tests. */
final class TestBodies {
  static final int MIB = 1024 * 1024;

  private static final String[] WORDS = {
    "task", "proj.tasks.add", "retries", "eta", "kwargs", "args", "caf\u00e9", "\u00fcber", "queue", "exchange",
    "routing_key", "delivery_tag", "priority", "correlation_id", "reply_to", "x-death", "expires", "headers"
  };

  private TestBodies() {}

  static byte[] small() {
    return "{\"hello\": \"kombu\", \"n\": 42}".getBytes(StandardCharsets.UTF_8);
  }

  /** JSON-like lines with varying numbers and words: compressible like real task bodies, not trivially so. */
  static byte[] compressible(int bytes) {
    Random random = new Random(20240501L);
    StringBuilder text = new StringBuilder(bytes + 256);
    int id = 0;
    while (text.length() < bytes) {
      text.append("{\"id\": ").append(id++)
          .append(", \"task\": \"").append(WORDS[random.nextInt(WORDS.length)])
          .append("\", \"args\": [").append(random.nextInt(100_000)).append(", ").append(random.nextInt(1000))
          .append("], \"note\": \"").append(WORDS[random.nextInt(WORDS.length)]).append(' ')
          .append(WORDS[random.nextInt(WORDS.length)]).append("\"}\n");
    }
    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(utf8, bytes);
  }

  /** Random bytes: incompressible. */
  static byte[] random(int bytes) {
    byte[] data = new byte[bytes];
    new Random(7L).nextBytes(data);
    return data;
  }
}
