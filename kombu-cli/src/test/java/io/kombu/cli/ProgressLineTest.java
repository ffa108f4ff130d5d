package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("progress display")
class ProgressLineTest {
  @Test
  @DisplayName("off a terminal it prints one plain line per quarter")
  void plainLines() {
    StringWriter text = new StringWriter();
    ProgressLine progress = new ProgressLine(new PrintWriter(text, true), "sent", 8, false);

    for (int i = 1; i <= 8; i++) {
      progress.update(i);
    }
    progress.finish();

    assertThat(text.toString().lines().toList())
        .containsExactly("  sent 2/8 (25%)", "  sent 4/8 (50%)", "  sent 6/8 (75%)", "  sent 8/8 (100%)");
  }

  @Test
  @DisplayName("on a terminal it redraws one bar in place and ends it with a single newline")
  void terminalBar() {
    StringWriter text = new StringWriter();
    ProgressLine progress = new ProgressLine(new PrintWriter(text, true), "sent", 4, true);

    progress.update(1);
    progress.update(4);
    progress.finish();

    assertThat(text.toString()).startsWith("\r  sent [").endsWith("] 4/4\n").contains("#".repeat(30));
    assertThat(text.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }
}
