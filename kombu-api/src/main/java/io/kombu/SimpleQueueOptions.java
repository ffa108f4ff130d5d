package io.kombu;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a {@link SimpleQueue} (Kombu's {@code SimpleQueue(channel, name, no_ack, serializer, compression, accept)}).
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param noAck messages are settled on delivery
 * @param serializer serializer for {@code put}, or null for json
 * @param compression compression for {@code put}, or null
 * @param accept accepted names or content types, or null for the defaults
 */
public record SimpleQueueOptions(
    boolean noAck, @Nullable String serializer, @Nullable String compression, @Nullable List<String> accept) {
  /** Kombu's defaults: acks required, json, no compression, default accept list. */
  public static final SimpleQueueOptions DEFAULTS = new SimpleQueueOptions(false, null, null, null);

  /** Copies the accept list. */
  public SimpleQueueOptions {
    accept = accept == null ? null : List.copyOf(accept);
  }

  /** @param serializer serializer name @return a copy with this serializer */
  public SimpleQueueOptions withSerializer(String serializer) {
    return new SimpleQueueOptions(noAck, Objects.requireNonNull(serializer), compression, accept);
  }

  /** @param compression compression name @return a copy with this compression */
  public SimpleQueueOptions withCompression(String compression) {
    return new SimpleQueueOptions(noAck, serializer, Objects.requireNonNull(compression), accept);
  }
}
