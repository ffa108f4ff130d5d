package io.kombu;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How often and how patiently to retry (Kombu's {@code retry_over_time} parameters). The first retry waits {@code
 * intervalStart}; each further one waits {@code intervalStep} longer, up to {@code intervalMax + intervalStart} (Kombu's
 * exact rule). Retrying stops after {@code maxRetries} retries (null: never) or once {@code timeout} has passed (null: never).
 *
 * <p>{@link #CONNECTION_DEFAULTS} is {@code ensure_connection}'s 2 s / 2 s / 30 s, forever; {@link #ENSURE_DEFAULTS} is
 * {@code ensure}'s 1 s / 1 s / 1 s, forever.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class RetryPolicy {
  /** Kombu's {@code ensure_connection} defaults: start 2 s, step 2 s, max 30 s, retry forever. */
  public static final RetryPolicy CONNECTION_DEFAULTS = builder().build();
  /** Kombu's {@code ensure}/{@code publish(retry=True)} defaults: start 1 s, step 1 s, max 1 s, retry forever. */
  public static final RetryPolicy ENSURE_DEFAULTS =
      builder().intervalStart(Duration.ofSeconds(1)).intervalStep(Duration.ofSeconds(1)).intervalMax(Duration.ofSeconds(1)).build();
  /** Try once more and give up: what a lazy connect does (Kombu's {@code max_retries=1}). */
  public static final RetryPolicy CONNECT_ONCE = builder().maxRetries(1).build();

  private final @Nullable Integer maxRetries;
  private final Duration intervalStart;
  private final Duration intervalStep;
  private final Duration intervalMax;
  private final @Nullable Duration timeout;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.intervalStart = b.intervalStart;
    this.intervalStep = b.intervalStep;
    this.intervalMax = b.intervalMax;
    this.timeout = b.timeout;
  }

  /** @return a builder with {@link #CONNECTION_DEFAULTS} values */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this policy's values */
  public Builder toBuilder() {
    return builder().maxRetries(maxRetries).intervalStart(intervalStart).intervalStep(intervalStep)
        .intervalMax(intervalMax).timeout(timeout);
  }

  /** @return retries allowed after the first attempt, or null for no limit */
  public @Nullable Integer maxRetries() {
    return maxRetries;
  }

  /** @return wait before the first retry */
  public Duration intervalStart() {
    return intervalStart;
  }

  /** @return how much longer each further wait is */
  public Duration intervalStep() {
    return intervalStep;
  }

  /** @return the growth limit (waits stop growing at {@code intervalMax + intervalStart}) */
  public Duration intervalMax() {
    return intervalMax;
  }

  /** @return overall time limit, or null for none */
  public @Nullable Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy p = (RetryPolicy) o;
    return Objects.equals(maxRetries, p.maxRetries) && intervalStart.equals(p.intervalStart)
        && intervalStep.equals(p.intervalStep) && intervalMax.equals(p.intervalMax) && Objects.equals(timeout, p.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, intervalStart, intervalStep, intervalMax, timeout);
  }

  @Override
  public String toString() {
    return "RetryPolicy(maxRetries=" + maxRetries + ", start=" + intervalStart + ", step=" + intervalStep + ", max="
        + intervalMax + ", timeout=" + timeout + ")";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Integer maxRetries;
    private Duration intervalStart = Duration.ofSeconds(2);
    private Duration intervalStep = Duration.ofSeconds(2);
    private Duration intervalMax = Duration.ofSeconds(30);
    private @Nullable Duration timeout;

    private Builder() {}

    /** @param maxRetries retries after the first attempt (0 = no retry), or null for no limit @return this */
    public Builder maxRetries(@Nullable Integer maxRetries) {
      if (maxRetries != null && maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** @param d first wait @return this */
    public Builder intervalStart(Duration d) {
      this.intervalStart = nonNegative(d, "intervalStart");
      return this;
    }

    /** @param d growth per retry @return this */
    public Builder intervalStep(Duration d) {
      this.intervalStep = nonNegative(d, "intervalStep");
      return this;
    }

    /** @param d growth limit @return this */
    public Builder intervalMax(Duration d) {
      this.intervalMax = nonNegative(d, "intervalMax");
      return this;
    }

    /** @param d overall limit, or null @return this */
    public Builder timeout(@Nullable Duration d) {
      this.timeout = d == null ? null : nonNegative(d, "timeout");
      return this;
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative, was " + d);
      }
      return d;
    }

    /** @return the policy */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
