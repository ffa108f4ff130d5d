package io.kombu.spi;

/** Receives deliveries of one consumer, on the thread that drains events. */
@FunctionalInterface
public interface DeliveryCallback {
  /** @param delivery the delivered message */
  void onDelivery(Delivery delivery);
}
