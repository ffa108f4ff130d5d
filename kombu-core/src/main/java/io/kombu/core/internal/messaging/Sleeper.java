package io.kombu.core.internal.messaging;

import io.kombu.OperationalException;
import java.time.Duration;

/**
 * Waits between retries. The system sleeper parks the calling thread; tests replace it with one that advances a fake clock,
 * so that retry schedules are checked without real waiting.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the calling thread; interruption ends the wait with an {@link OperationalException}. */
  Sleeper SYSTEM = duration -> {
    if (duration.isZero() || duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException("Interrupted while waiting to retry; the thread's interrupt flag is set again", e);
    }
  };

  /** @param duration how long to wait (zero or negative: return at once) */
  void sleep(Duration duration);
}
