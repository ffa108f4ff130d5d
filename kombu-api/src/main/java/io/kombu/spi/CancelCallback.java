package io.kombu.spi;

/** Told when the broker cancels a consumer (e.g. its queue was deleted). */
@FunctionalInterface
public interface CancelCallback {
  /** @param consumerTag the cancelled consumer */
  void onCancel(String consumerTag);
}
