package io.kombu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A consumer's set-up (Kombu's {@code Consumer(channel, queues, no_ack, auto_declare, callbacks, on_decode_error,
 * on_message, accept, prefetch_count, tag_prefix)}).
 *
 * <p>With no accept list the registry's defaults apply: json, text and binary are accepted; pickle, yaml and msgpack are
 * refused unless enabled. Without an {@code onDecodeError} handler a message that cannot be decoded makes {@code
 * drainEvents} throw; the message stays unsettled and is redelivered after the channel closes.
 *
 * <pre>{@code
 * ConsumerOptions opts = ConsumerOptions.builder(queue)
 *     .handler((body, message) -> { handle(body); message.ack(); })
 *     .accept("json", "msgpack").prefetchCount(100).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class ConsumerOptions {
  private final List<Queue> queues;
  private final @Nullable Boolean noAck;
  private final boolean autoDeclare;
  private final List<MessageHandler> handlers;
  private final @Nullable MessageListener onMessage;
  private final @Nullable DecodeErrorHandler onDecodeError;
  private final @Nullable List<String> accept;
  private final @Nullable Integer prefetchCount;
  private final @Nullable String tagPrefix;

  private ConsumerOptions(Builder b) {
    this.queues = List.copyOf(b.queues);
    this.noAck = b.noAck;
    this.autoDeclare = b.autoDeclare;
    this.handlers = List.copyOf(b.handlers);
    this.onMessage = b.onMessage;
    this.onDecodeError = b.onDecodeError;
    this.accept = b.accept == null ? null : List.copyOf(b.accept);
    this.prefetchCount = b.prefetchCount;
    this.tagPrefix = b.tagPrefix;
  }

  /** @param queues the queues to consume from @return a builder */
  public static Builder builder(Queue... queues) {
    return new Builder(List.of(queues));
  }

  /** @param queues the queues to consume from @return a builder */
  public static Builder builder(List<Queue> queues) {
    return new Builder(queues);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder(queues);
    b.noAck = noAck;
    b.autoDeclare = autoDeclare;
    b.handlers.addAll(handlers);
    b.onMessage = onMessage;
    b.onDecodeError = onDecodeError;
    b.accept = accept;
    b.prefetchCount = prefetchCount;
    b.tagPrefix = tagPrefix;
    return b;
  }

  /** @return the queues, in order */
  public List<Queue> queues() {
    return queues;
  }

  /** @return no-ack for every queue, or null to use each queue's own setting */
  public @Nullable Boolean noAck() {
    return noAck;
  }

  /** @return whether queues are declared when the consumer is created (default true) */
  public boolean autoDeclare() {
    return autoDeclare;
  }

  /** @return callbacks, called in order with the decoded body */
  public List<MessageHandler> handlers() {
    return handlers;
  }

  /** @return the raw-message listener that replaces the handlers, or null */
  public @Nullable MessageListener onMessage() {
    return onMessage;
  }

  /** @return decode-error handler, or null to throw from {@code drainEvents} */
  public @Nullable DecodeErrorHandler onDecodeError() {
    return onDecodeError;
  }

  /** @return accepted serializer names or content types, or null for the registry's defaults */
  public @Nullable List<String> accept() {
    return accept;
  }

  /** @return prefetch count to apply with basic.qos, or null to leave it alone */
  public @Nullable Integer prefetchCount() {
    return prefetchCount;
  }

  /** @return prefix of generated consumer tags, or null */
  public @Nullable String tagPrefix() {
    return tagPrefix;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConsumerOptions)) {
      return false;
    }
    ConsumerOptions c = (ConsumerOptions) o;
    return autoDeclare == c.autoDeclare && queues.equals(c.queues) && Objects.equals(noAck, c.noAck)
        && handlers.equals(c.handlers) && Objects.equals(onMessage, c.onMessage)
        && Objects.equals(onDecodeError, c.onDecodeError) && Objects.equals(accept, c.accept)
        && Objects.equals(prefetchCount, c.prefetchCount) && Objects.equals(tagPrefix, c.tagPrefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(queues, noAck, autoDeclare, handlers, onMessage, onDecodeError, accept, prefetchCount, tagPrefix);
  }

  @Override
  public String toString() {
    return "ConsumerOptions(queues=" + queues + ", accept=" + accept + ", prefetchCount=" + prefetchCount + ")";
  }

  /** Builds {@link ConsumerOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<Queue> queues = new ArrayList<>();
    private @Nullable Boolean noAck;
    private boolean autoDeclare = true;
    private final List<MessageHandler> handlers = new ArrayList<>();
    private @Nullable MessageListener onMessage;
    private @Nullable DecodeErrorHandler onDecodeError;
    private @Nullable List<String> accept;
    private @Nullable Integer prefetchCount;
    private @Nullable String tagPrefix;

    private Builder(List<Queue> queues) {
      queues.forEach(q -> this.queues.add(Objects.requireNonNull(q, "queue")));
    }

    /** @param queue one more queue @return this */
    public Builder queue(Queue queue) {
      queues.add(Objects.requireNonNull(queue, "queue"));
      return this;
    }

    /** @param noAck no-ack for every queue, or null for each queue's own @return this */
    public Builder noAck(@Nullable Boolean noAck) {
      this.noAck = noAck;
      return this;
    }

    /** @param autoDeclare declare queues on creation @return this */
    public Builder autoDeclare(boolean autoDeclare) {
      this.autoDeclare = autoDeclare;
      return this;
    }

    /** @param handler one more callback @return this */
    public Builder handler(MessageHandler handler) {
      handlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** @param listener raw-message listener, replacing the handlers @return this */
    public Builder onMessage(@Nullable MessageListener listener) {
      this.onMessage = listener;
      return this;
    }

    /** @param handler decode-error handler @return this */
    public Builder onDecodeError(@Nullable DecodeErrorHandler handler) {
      this.onDecodeError = handler;
      return this;
    }

    /** @param accept accepted serializer names or content types @return this */
    public Builder accept(String... accept) {
      this.accept = List.of(accept);
      return this;
    }

    /** @param accept accepted names or types, or null for the defaults @return this */
    public Builder accept(@Nullable List<String> accept) {
      this.accept = accept == null ? null : List.copyOf(accept);
      return this;
    }

    /** @param prefetchCount unacked messages allowed at once (0 = no limit), or null @return this */
    public Builder prefetchCount(@Nullable Integer prefetchCount) {
      if (prefetchCount != null && prefetchCount < 0) {
        throw new IllegalArgumentException("prefetchCount must be >= 0, was " + prefetchCount);
      }
      this.prefetchCount = prefetchCount;
      return this;
    }

    /** @param tagPrefix consumer tag prefix @return this */
    public Builder tagPrefix(@Nullable String tagPrefix) {
      this.tagPrefix = tagPrefix;
      return this;
    }

    /** @return the options */
    public ConsumerOptions build() {
      return new ConsumerOptions(this);
    }
  }
}
