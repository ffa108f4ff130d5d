package io.kombu;

/** Where a received message is in its life. Every state but {@link #RECEIVED} is final. Thread-safety: immutable. */
public enum MessageState {
  /** Delivered and not yet settled. */
  RECEIVED,
  /** Acknowledged: the broker forgets it. */
  ACK,
  /** Rejected (also when rejected with requeue, as in Kombu). */
  REJECTED,
  /** Handed back to the queue for redelivery. */
  REQUEUED
}
