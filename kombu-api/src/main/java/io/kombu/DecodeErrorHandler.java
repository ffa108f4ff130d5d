package io.kombu;

/**
 * Called when a delivered message cannot be decompressed or decoded, or its content type is not accepted (Kombu's {@code
 * on_decode_error}). The consumer keeps running; the handler decides the message's fate (ack, reject, requeue).
 */
@FunctionalInterface
public interface DecodeErrorHandler {
  /**
   * @param message the message that failed
   * @param error why: a {@link DecodeException}, {@link ContentDisallowedException} or {@link SerializerNotInstalledException}
   */
  void onDecodeError(Message message, KombuException error);
}
