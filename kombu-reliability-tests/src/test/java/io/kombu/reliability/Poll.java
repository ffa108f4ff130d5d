package io.kombu.reliability;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded waiting for tests: checks a condition every few milliseconds until it holds or the limit passes.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class Poll {
  private static final long PAUSE_NANOS = Duration.ofMillis(10).toNanos();

  private Poll() {}

  /**
   * @param what what is awaited, for the failure message
   * @param limit the longest to wait
   * @param condition checked until true
   * @throws AssertionError when the limit passes first
   */
  static void until(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("gave up after " + limit + " waiting for " + what);
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
