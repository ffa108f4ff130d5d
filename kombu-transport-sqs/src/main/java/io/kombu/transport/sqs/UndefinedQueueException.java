package io.kombu.transport.sqs;

import io.kombu.ConfigurationException;

/**
 * A queue was used that is not listed in the {@code predefined_queues} transport option, so the SQS transport, which then
 * neither creates nor looks up queues, cannot reach it (Kombu's {@code UndefinedQueueException}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public final class UndefinedQueueException extends ConfigurationException {
  /** @param queue the logical queue name */
  public UndefinedQueueException(String queue) {
    super("Queue with name '" + queue + "' must be defined in 'predefined_queues'. Add it to the predefined_queues "
        + "transport option with its SQS url, or leave predefined_queues out to let the transport create queues.");
  }
}
