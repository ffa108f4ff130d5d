package io.kombu.core.virtual;

import java.util.Objects;

/**
 * What a blocking {@link MessageStore#poll} returned: the message and the queue it was taken from.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param queue the queue the message was popped from
 * @param envelope the message
 */
public record PolledMessage(String queue, Envelope envelope) {
  /** Rejects nulls. */
  public PolledMessage {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(envelope, "envelope");
  }
}
