package io.kombu;

/**
 * Work done on a channel, which {@link Connection#ensure} may run again on a fresh channel after a reconnect. It must be
 * safe to repeat.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ChannelOperation<T> {
  /** @param channel the channel to use (a new one after a reconnect) @return the result */
  T apply(Channel channel);
}
