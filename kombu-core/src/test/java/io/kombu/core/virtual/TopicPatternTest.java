package io.kombu.core.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("TopicPattern reproduces Kombu's topic matching")
class TopicPatternTest {

  @ParameterizedTest(name = "[{index}] binding \"{0}\" vs key \"{1}\" -> {2}")
  @DisplayName("spec cases 1-17: binding key against routing key, Kombu's warts included")
  @CsvSource(delimiter = '|', value = {
      // 1-4
      "a.*.b|a.x.b|true", "a.*.b|a.x.y.b|true", "a.*.b|a..b|false", "a.*|a|false",
      // 5
      "*||false", "*|a.b|true", "*|.|false",
      // 6
      "#||true", "#|a.b.c|true",
      // 7
      "#.b|b|false", "#.b|.b|true", "#.b|a.x.b|true",
      // 8
      "a.#|a|false", "a.#|a.|true", "a.#|a.b.c|true",
      // 9
      "a.#.b|a.b|false", "a.#.b|a..b|true",
      // 10
      "a.#.#.b|a..b|false", "a.#.#.b|a...b|true",
      // 11
      "#.#|a|false", "#.#|.|true",
      // 12
      "stock.#|stock.us.nasdaq|true", "stock.#|stock|false", "stock.#|stockxeuropexOSE|false",
      // 13
      "stock.us.*|stock.us.nasdaq|true",
      // 14
      "a*|aaa|true", "a*||true", "a*|a*|false",
      // 15
      "a#|a#|true",
      // 16
      "a?b|ab|false", "a+b|a+b|true",
      // 17
      "||true", "|a|false"
  })
  void matches(String bindingKey, String routingKey, boolean expected) {
    // CsvSource reads an empty column as null; here it means the empty key.
    String binding = bindingKey == null ? "" : bindingKey;
    String key = routingKey == null ? "" : routingKey;
    assertThat(TopicPattern.keyMatches(binding, key)).isEqualTo(expected);
  }

  @Test
  @DisplayName("spec case 18: keyToPattern produces Kombu's regular expression text byte for byte")
  void keyToPatternIsByteExact() {
    assertThat(TopicPattern.keyToPattern("stock.#")).isEqualTo("^stock\\..*?$");
    assertThat(TopicPattern.keyToPattern("a.*.b")).isEqualTo("^a\\..*?[^\\.]\\.b$");
    assertThat(TopicPattern.keyToPattern("x_y")).isEqualTo("^x\\_y$");
    assertThat(TopicPattern.keyToPattern("a-b")).isEqualTo("^a\\-b$");
    assertThat(TopicPattern.keyToPattern("a*")).isEqualTo("^a*$");
    assertThat(TopicPattern.keyToPattern("")).isEqualTo("^$");
    assertThat(TopicPattern.keyToPattern("task.#")).isEqualTo("^task\\..*?$");
  }

  @Test
  @DisplayName("non-ASCII letters stay as they are, other characters are escaped and NUL becomes \\000")
  void unicodeAndNul() {
    assertThat(TopicPattern.keyToPattern("héllo.wörld")).isEqualTo("^héllo\\.wörld$");
    assertThat(TopicPattern.keyToPattern("a\u2603b")).isEqualTo("^a\\\u2603b$");
    assertThat(TopicPattern.keyToPattern("a\u0000b")).isEqualTo("^a\\000b$");
    assertThat(TopicPattern.keyToPattern("a b")).isEqualTo("^a\\ b$");
    assertThat(TopicPattern.keyMatches("a\u0000b", "a\u0000b")).isTrue();
    assertThat(TopicPattern.keyMatches("a\u2603b", "a\u2603b")).isTrue();
    assertThat(TopicPattern.keyMatches("é.*", "é.ü")).isTrue();
  }

  @Test
  @DisplayName("like Python's re.match, $ accepts one trailing newline and . does not match a newline")
  void pythonMatchSemantics() {
    assertThat(TopicPattern.keyMatches("a", "a\n")).isTrue();
    assertThat(TopicPattern.keyMatches("a", "a\n\n")).isFalse();
    assertThat(TopicPattern.keyMatches("a", "a\r")).isFalse();
    assertThat(TopicPattern.keyMatches("#", "x\ny")).isFalse();
    assertThat(TopicPattern.keyMatches("a.#", "a.\u2028")).isTrue();
  }

  @Test
  @DisplayName("a pattern text read from a store matches without being recompiled from a key")
  void matchesStoredPatternText() {
    assertThat(TopicPattern.matches("^task\\..*?$", "task.succeeded")).isTrue();
    assertThat(TopicPattern.matches("^task\\..*?$", "tasks")).isFalse();
  }
}
