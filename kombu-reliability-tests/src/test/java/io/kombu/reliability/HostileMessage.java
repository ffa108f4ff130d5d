package io.kombu.reliability;

import io.kombu.Message;
import io.kombu.PublishOptions;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One hostile or broken message: the raw bytes and publish options that make it, the consumer's accept list, and what
 * must happen to it.
 *
 * <p>The options come from a supplier because building them is itself part of some cases (an invalid priority is refused
 * by the builder). Thread-safety: immutable.
 *
 * @param name what the case is, shown as the test name
 * @param body the raw body, sent as already serialized
 * @param options makes the publish options (content type, encoding, headers, priority)
 * @param accept the consumer's accept list, or null for the defaults (json, text, binary)
 * @param outcome what must happen
 */
record HostileMessage(String name, byte[] body, Supplier<PublishOptions.Builder> options, @Nullable List<String> accept,
    Outcome outcome) {

  /** What must happen to a hostile message. Thread-safety: immutable. */
  sealed interface Outcome permits DecodeError, Delivered, PublishRefused {}

  /**
   * The consumer reports it to its decode-error handler with this error type (or a subtype), and the message is parked.
   *
   * @param error the expected error type
   * @param messagePart a fragment the error message must contain, so that it says what went wrong
   */
  record DecodeError(Class<? extends RuntimeException> error, String messagePart) implements Outcome {}

  /**
   * The consumer's handler receives it; the check inspects the decoded body and the message.
   *
   * @param check assertions on the decoded body and the message
   */
  record Delivered(BiConsumer<@Nullable Object, Message> check) implements Outcome {}

  /**
   * Publishing fails before anything reaches the broker.
   *
   * @param error the expected error type
   */
  record PublishRefused(Class<? extends RuntimeException> error) implements Outcome {}

  @Override
  public String toString() {
    return name;
  }
}
