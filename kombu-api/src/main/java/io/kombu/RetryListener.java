package io.kombu;

import java.time.Duration;

/** Told about each failed attempt before the next one (Kombu's {@code errback(exc, interval)}). */
@FunctionalInterface
public interface RetryListener {
  /**
   * @param error why the attempt failed
   * @param nextInterval how long until the next attempt
   */
  void onRetry(KombuException error, Duration nextInterval);
}
