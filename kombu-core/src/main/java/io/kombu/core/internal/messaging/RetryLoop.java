package io.kombu.core.internal.messaging;

import io.kombu.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's {@code retry_over_time}: call an operation until it succeeds; after each failure the error handler chooses the
 * wait (by default the next {@link RetryIntervals} value). Gives up, rethrowing the last error unchanged, once {@code
 * retries >= maxRetries} or once the policy's timeout has passed (checked after each failure, before waiting). Errors the
 * predicate does not accept propagate at once.
 *
 * <p>Thread-safety: stateless and thread-safe; each {@link #run} call keeps its own state.
 */
public final class RetryLoop {
  /** Chooses the wait after a failure (Kombu's {@code errback(exc, intervals, retries)}). */
  @FunctionalInterface
  public interface ErrorHandler {
    /**
     * @param error the failure
     * @param intervals the policy's interval sequence
     * @param retries how many retries were made before this failure (0 after the first attempt)
     * @return how long to wait before the next attempt
     */
    Duration onError(RuntimeException error, RetryIntervals intervals, int retries);
  }

  private final Clock clock;
  private final Sleeper sleeper;

  /** @param clock time source for the timeout @param sleeper waits between attempts */
  public RetryLoop(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @param operation the work to retry
   * @param retryable which errors are retried
   * @param policy limits and intervals
   * @param errorHandler chooses the wait, or null to take the next interval
   * @param <T> result type
   * @return the operation's result
   */
  public <T> T run(
      Supplier<T> operation,
      Predicate<RuntimeException> retryable,
      RetryPolicy policy,
      @Nullable ErrorHandler errorHandler) {
    RetryIntervals intervals = new RetryIntervals(policy);
    Duration timeout = policy.timeout();
    // Kombu tests `if timeout`, so a zero timeout means no timeout.
    long end = timeout == null || timeout.isZero() ? Long.MIN_VALUE : clock.millis() + timeout.toMillis();
    Integer maxRetries = policy.maxRetries();
    for (int retries = 0; ; retries++) {
      try {
        return operation.get();
      } catch (RuntimeException e) {
        if (!retryable.test(e)) {
          throw e;
        }
        if (maxRetries != null && retries >= maxRetries) {
          throw e;
        }
        if (end != Long.MIN_VALUE && clock.millis() > end) {
          throw e;
        }
        Duration wait = errorHandler == null ? intervals.next() : errorHandler.onError(e, intervals, retries);
        sleeper.sleep(wait);
      }
    }
  }
}
