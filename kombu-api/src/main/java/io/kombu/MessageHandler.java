package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A consumer callback that receives the decoded body and the message (Kombu's {@code callbacks}). It runs on the thread
 * that calls {@code drainEvents}. Exceptions it throws propagate to that caller; the message is never settled for you.
 */
@FunctionalInterface
public interface MessageHandler {
  /**
   * @param body the decoded body: a Map, List, String, Number, Boolean, byte[] or null, depending on the content type
   * @param message the message, to ack, reject or requeue
   */
  void handle(@Nullable Object body, Message message);
}
