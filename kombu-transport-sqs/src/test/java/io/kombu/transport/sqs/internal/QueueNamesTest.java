package io.kombu.transport.sqs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SQS queue names are mangled exactly as Kombu mangles them")
class QueueNamesTest {
  @Test
  @DisplayName("dots become dashes and other punctuation becomes underscores")
  void punctuation() {
    assertThat(QueueNames.mangle("foo.bar-baz*qux_quux")).isEqualTo("foo-bar-baz_qux_quux");
    assertThat(QueueNames.mangle("wire.sqs.queue")).isEqualTo("wire-sqs-queue");
    assertThat(QueueNames.mangle("a!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~b")).isEqualTo("a" + "_".repeat(29) + "b");
  }

  @Test
  @DisplayName("a .fifo suffix is kept verbatim and the rest is mangled")
  void fifoSuffix() {
    assertThat(QueueNames.mangle("abcdef.fifo")).isEqualTo("abcdef.fifo");
    assertThat(QueueNames.mangle("a.b.fifo")).isEqualTo("a-b.fifo");
    assertThat(QueueNames.isFifo("a-b.fifo")).isTrue();
    assertThat(QueueNames.isFifo("a.fifo.x")).isFalse();
  }

  @Test
  @DisplayName("letters, digits, dashes, underscores, spaces and non-ASCII are unchanged and nothing is truncated")
  void unchanged() {
    assertThat(QueueNames.mangle("celery")).isEqualTo("celery");
    assertThat(QueueNames.mangle("Ab9-_ é")).isEqualTo("Ab9-_ é");
    assertThat(QueueNames.mangle("x".repeat(120))).hasSize(120);
  }
}
