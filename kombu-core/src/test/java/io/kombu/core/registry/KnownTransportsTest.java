package io.kombu.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.core.KnownTransports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KnownTransports")
class KnownTransportsTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"amqp,amqp", "amqps,amqp", "pyamqp,amqp", "redis,redis", "rediss,redis", "sentinel,redis",
      "memory,memory", "mongodb,mongo", "mongodb+srv,mongo", "sqs,sqs", "SQS,sqs"})
  @DisplayName("maps each known scheme to its transport and artifact")
  void table(String scheme, String name) {
    assertThat(KnownTransports.transportName(scheme)).contains(name);
    assertThat(KnownTransports.coordinates(scheme)).contains("io.kombu:kombu-transport-" + name);
  }

  @Test
  @DisplayName("knows nothing about other schemes")
  void unknown() {
    assertThat(KnownTransports.artifactId("kafka")).isEmpty();
    assertThat(KnownTransports.isKnownName("kafka")).isFalse();
    assertThat(KnownTransports.isKnownName("mongo")).isTrue();
  }

  @Test
  @DisplayName("only MongoDB parses its own URLs")
  void selfParsing() {
    assertThat(KnownTransports.parsesOwnUrls("mongodb")).isTrue();
    assertThat(KnownTransports.parsesOwnUrls("mongodb+srv")).isTrue();
    assertThat(KnownTransports.parsesOwnUrls("redis")).isFalse();
  }
}
