package io.kombu;

/**
 * Receives the raw message without decoding it first (Kombu's {@code on_message}); when set it replaces the consumer's
 * {@link MessageHandler}s. Runs on the thread that calls {@code drainEvents}.
 */
@FunctionalInterface
public interface MessageListener {
  /** @param message the undecoded message; call {@link Message#decode()} to decode it */
  void onMessage(Message message);
}
