package io.kombu.core.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FairCycle")
class FairCycleTest {
  @Test
  @DisplayName("spec case 44: over [a(empty), b(msg), c] it delivers from b, and the next call starts at c")
  void roundRobin() {
    Map<String, String> content = new HashMap<>(Map.of("b", "msg-b", "c", "msg-c"));
    List<String> tried = new ArrayList<>();
    FairCycle<String> cycle = new FairCycle<>(List.of("a", "b", "c"));
    String first = cycle.next(r -> {
      tried.add(r);
      return content.remove(r);
    });
    assertThat(first).isEqualTo("msg-b");
    assertThat(tried).containsExactly("a", "b");
    tried.clear();
    String second = cycle.next(r -> {
      tried.add(r);
      return content.remove(r);
    });
    assertThat(second).isEqualTo("msg-c");
    assertThat(tried).containsExactly("c");
  }

  @Test
  @DisplayName("when every resource is empty each one is tried exactly once and the result is null")
  void allEmpty() {
    List<String> tried = new ArrayList<>();
    FairCycle<String> cycle = new FairCycle<>(List.of("a", "b", "c"));
    assertThat(cycle.<String>next(r -> {
      tried.add(r);
      return null;
    })).isNull();
    assertThat(tried).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(new FairCycle<String>(List.of()).<String>next(r -> "x")).isNull();
  }

  @Test
  @DisplayName("order() lists the resources starting with the one tried next")
  void order() {
    FairCycle<String> cycle = new FairCycle<>(List.of("a", "b", "c"));
    assertThat(cycle.order()).containsExactly("a", "b", "c");
    cycle.next(r -> r.equals("a") ? "hit" : null);
    assertThat(cycle.order()).containsExactly("b", "c", "a");
  }
}
