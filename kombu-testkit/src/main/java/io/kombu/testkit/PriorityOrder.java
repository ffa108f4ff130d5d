package io.kombu.testkit;

/**
 * Which end of the priority range a transport serves first, for {@link TransportConformanceKit#priorityOrder()}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public enum PriorityOrder {
  /** Priority 9 before 0: AMQP's order, and memory's. */
  HIGHER_FIRST,
  /** Priority 0 before 9: Kombu's Redis transport, whose lowest-numbered bucket is read first. */
  LOWER_FIRST
}
