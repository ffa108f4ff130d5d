package io.kombu.core.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.ExchangeType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ExchangeRouting")
class ExchangeRoutingTest {
  private static BindingRow bind(ExchangeType type, String queue, String key) {
    return ExchangeRouting.prepareBind(type, queue, key, Map.of());
  }

  @Nested
  @DisplayName("topic")
  class Topic {
    @Test
    @DisplayName("spec case 19: a queue bound by several matching keys gets one copy")
    void oneCopyPerQueue() {
      List<BindingRow> table = List.of(
          bind(ExchangeType.TOPIC, "rFoo", "stock"),
          bind(ExchangeType.TOPIC, "rFoo", "stock.#"),
          bind(ExchangeType.TOPIC, "rFoo", "stock.us.*"),
          bind(ExchangeType.TOPIC, "rFoo", "#"));
      assertThat(ExchangeRouting.lookup(ExchangeType.TOPIC, table, "stock.us.nasdaq", Map.of()))
          .containsExactly("rFoo");
      assertThat(ExchangeRouting.lookup(ExchangeType.TOPIC, table, "candy.x.y", Map.of())).containsExactly("rFoo");
    }

    @Test
    @DisplayName("topic rows carry the compiled pattern text, other rows none")
    void rowsCarryPattern() {
      assertThat(bind(ExchangeType.TOPIC, "q", "a.*").pattern()).isEqualTo("^a\\..*?[^\\.]$");
      assertThat(bind(ExchangeType.DIRECT, "q", "a.*").pattern()).isNull();
      assertThat(bind(ExchangeType.FANOUT, "q", "a").pattern()).isNull();
    }

    @Test
    @DisplayName("a row without a stored pattern is matched by its key")
    void rowWithoutPattern() {
      assertThat(ExchangeRouting.lookup(ExchangeType.TOPIC, List.of(BindingRow.of("a.#", null, "q")), "a.b", Map.of()))
          .containsExactly("q");
    }
  }

  @Nested
  @DisplayName("direct and fanout")
  class DirectFanout {
    @Test
    @DisplayName("spec case 20: direct matches the exact key and returns each queue once")
    void direct() {
      List<BindingRow> table = List.of(
          bind(ExchangeType.DIRECT, "qFoo", "rFoo"),
          bind(ExchangeType.DIRECT, "qFox", "rFoo"),
          bind(ExchangeType.DIRECT, "qBar", "rBar"));
      assertThat(ExchangeRouting.lookup(ExchangeType.DIRECT, table, "rFoo", Map.of()))
          .containsExactly("qFoo", "qFox");
      assertThat(ExchangeRouting.lookup(ExchangeType.DIRECT, table, "rMoz", Map.of())).isEmpty();
      assertThat(ExchangeRouting.lookup(ExchangeType.DIRECT, table, "rfoo", Map.of())).isEmpty();
    }

    @Test
    @DisplayName("spec case 21: fanout returns every bound queue whatever the key")
    void fanout() {
      List<BindingRow> table = List.of(
          bind(ExchangeType.FANOUT, "qFoo", ""),
          bind(ExchangeType.FANOUT, "qFox", "x"),
          bind(ExchangeType.FANOUT, "qBar", "y"));
      assertThat(ExchangeRouting.lookup(ExchangeType.FANOUT, table, "anything", Map.of()))
          .containsExactly("qFoo", "qFox", "qBar");
    }

    @Test
    @DisplayName("the virtual engine claims direct, topic, fanout and headers, not plug-in types")
    void supportedTypes() {
      assertThat(ExchangeRouting.supportedTypes())
          .containsExactlyInAnyOrder(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS);
      assertThat(ExchangeRouting.supports(ExchangeType.of("x-delayed-message"))).isFalse();
    }
  }

  @Nested
  @DisplayName("headers (AMQP semantics; Kombu has no headers exchange)")
  class Headers {
    private final List<BindingRow> table = List.of(
        new BindingRow("", null, "all", Map.of("x-match", "all", "format", "pdf", "type", "report")),
        new BindingRow("", null, "any", Map.of("x-match", "any", "format", "pdf", "type", "log")),
        new BindingRow("", null, "default", Map.of("format", "zip")));

    @Test
    @DisplayName("x-match all needs every argument to match")
    void all() {
      assertThat(ExchangeRouting.lookup(ExchangeType.HEADERS, table, "", Map.of("format", "pdf", "type", "report")))
          .containsExactly("all", "any");
      assertThat(ExchangeRouting.lookup(ExchangeType.HEADERS, table, "", Map.of("format", "pdf")))
          .containsExactly("any");
    }

    @Test
    @DisplayName("x-match any needs one argument to match")
    void any() {
      assertThat(ExchangeRouting.lookup(ExchangeType.HEADERS, table, "", Map.of("type", "log"))).containsExactly("any");
      assertThat(ExchangeRouting.lookup(ExchangeType.HEADERS, table, "", Map.of("type", "other"))).isEmpty();
    }

    @Test
    @DisplayName("without x-match, all is the default, and the routing key is ignored")
    void defaultIsAll() {
      assertThat(ExchangeRouting.lookup(ExchangeType.HEADERS, table, "whatever", Map.of("format", "zip")))
          .containsExactly("default");
    }

    @Test
    @DisplayName("numbers compare by value whatever their Java type; x- arguments are not matched")
    void numbersAndXArguments() {
      Map<String, Object> args = Map.of("n", 42, "x-ignored", "zzz");
      assertThat(ExchangeRouting.headersMatch(args, Map.of("n", 42L))).isTrue();
      assertThat(ExchangeRouting.headersMatch(args, Map.of("n", 43))).isFalse();
      assertThat(ExchangeRouting.headersMatch(Map.of("f", 1.5), Map.of("f", 1.5f))).isTrue();
      assertThat(ExchangeRouting.headersMatch(Map.of("x-match", "any"), Map.of("a", 1))).isFalse();
      assertThat(ExchangeRouting.headersMatch(Map.of(), Map.of("a", 1))).isTrue();
    }
  }
}
