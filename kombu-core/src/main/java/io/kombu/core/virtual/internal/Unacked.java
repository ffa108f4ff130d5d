package io.kombu.core.virtual.internal;

import io.kombu.core.virtual.Envelope;

/**
 * A delivered, not yet settled message and the queue it came from.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param queue the queue it was taken from
 * @param envelope the message
 */
public record Unacked(String queue, Envelope envelope) {}
