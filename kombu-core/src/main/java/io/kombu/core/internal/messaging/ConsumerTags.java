package io.kombu.core.internal.messaging;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Consumer tags from one process-wide counter starting at 1, as Kombu does. Kombu renders a missing prefix as the text
 * {@code None} ({@code None1}, {@code None2}); we use {@code ctag-} instead ({@code ctag-1}), which is just as unique.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ConsumerTags {
  /** Prefix used when the consumer has none. */
  public static final String DEFAULT_PREFIX = "ctag-";

  private static final AtomicLong COUNTER = new AtomicLong();

  private ConsumerTags() {}

  /** @param prefix the consumer's tag prefix, or null @return a new, process-unique tag */
  public static String next(@Nullable String prefix) {
    return (prefix == null ? DEFAULT_PREFIX : prefix) + COUNTER.incrementAndGet();
  }
}
