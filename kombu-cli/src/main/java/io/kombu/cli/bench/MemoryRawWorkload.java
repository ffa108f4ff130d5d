package io.kombu.cli.bench;

import io.kombu.KombuTimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The raw counterpart of {@code memory://}: a {@link LinkedBlockingQueue} of JSON-encoded bodies, encoded with Jackson on
 * publish and decoded on consume; there is nothing to acknowledge.
 *
 * <p>Thread-safety: not thread-safe (the queue is, the counters are not).
 */
final class MemoryRawWorkload implements BenchWorkload {
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final BenchPayload payload;
  private final BenchSettings settings;

  MemoryRawWorkload(BenchSettings settings) {
    this.settings = settings;
    this.payload = new BenchPayload(settings.sizeBytes());
  }

  @Override
  public String name() {
    return "raw java.util.concurrent";
  }

  @Override
  public void publish(int sequence) {
    queue.add(payload.json(sequence));
  }

  @Override
  public void consume(int count) {
    for (int i = 0; i < count; i++) {
      byte[] body;
      try {
        body = queue.poll(settings.messageWait().toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KombuTimeoutException("bench: interrupted while waiting for a message", e);
      }
      if (body == null) {
        throw new KombuTimeoutException("bench: the in-memory queue stayed empty for " + settings.messageWait().toMillis() + " ms");
      }
      BenchPayload.parse(body);
    }
  }

  @Override
  public void close() {
    queue.clear();
  }
}
