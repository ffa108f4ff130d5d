package io.kombu.transport.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("push-watch tracking prefixes")
class PushWatchTest {
  @Test
  @DisplayName("a queue's name covers its priority buckets and every longer name, so overlapping prefixes are dropped")
  void overlappingPrefixesAreDropped() {
    assertThat(PushWatch.prefixes(List.of("celery", "a", "ab", "b", "celery.x", "a"))).containsExactly("a", "b",
        "celery");
  }

  @Test
  @DisplayName("the global key prefix is part of every prefix, and unrelated names stay separate")
  void globalKeyPrefixIsKept() {
    assertThat(PushWatch.prefixes(List.of("pfx:tasks", "pfx:task", "pfx:other"))).containsExactly("pfx:other",
        "pfx:task");
  }

  @Test
  @DisplayName("an empty queue name (key \"\") covers everything")
  void emptyNameCoversEverything() {
    assertThat(PushWatch.prefixes(List.of("q", ""))).containsExactly("");
  }
}
