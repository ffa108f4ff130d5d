package io.kombu.core.internal.messaging;

import io.kombu.RetryPolicy;
import java.time.Duration;

/**
 * The wait before each retry, exactly as Kombu's {@code fxrange(start, max + start, step, repeatlast=True)}: start, start +
 * step, ... while the value is at most {@code intervalMax + intervalStart}, then the last value forever (so the defaults
 * 2/2/30 give 2, 4, ..., 30, 32, 32, ...).
 *
 * <p>Thread-safety: not thread-safe; one instance per retry loop.
 */
public final class RetryIntervals {
  private final long stepNanos;
  private final long stopNanos;
  private long currentNanos;

  /** @param policy the policy whose intervals to produce */
  public RetryIntervals(RetryPolicy policy) {
    this.currentNanos = policy.intervalStart().toNanos();
    this.stepNanos = policy.intervalStep().toNanos();
    this.stopNanos = policy.intervalMax().toNanos() + currentNanos;
  }

  /** @return the next interval */
  public Duration next() {
    // Python's fxrange treats a stop of 0 as "no stop".
    if (stopNanos == 0 || currentNanos <= stopNanos) {
      long value = currentNanos;
      currentNanos += stepNanos;
      return Duration.ofNanos(value);
    }
    return Duration.ofNanos(currentNanos - stepNanos);
  }
}
