package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("errors of the kombu command")
class ErrorsTest {
  @Test
  @DisplayName("an unknown scheme gives one line, status 1, no stack trace and never the password")
  void unknownScheme() {
    CliRun run = CliRun.of("queue", "nosuch://alice:s3cretpw@broker.example:1234/", "q");

    assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("kombu: error: ").contains("nosuch").doesNotContain("s3cretpw");
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  @DisplayName("a malformed URL gives one line and status 1")
  void malformedUrl() {
    CliRun run = CliRun.of("queue", "this is not a url", "q");

    assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).startsWith("kombu: error: ");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  @DisplayName("--debug adds the stack trace, still with the password masked")
  void debugShowsMaskedTrace() {
    CliRun run = CliRun.of("queue", "nosuch://alice:s3cretpw@broker.example:1234/", "q", "--debug");

    assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("\tat ").doesNotContain("s3cretpw");
  }

  @Test
  @DisplayName("masking replaces every password from the command line's URLs, wherever it appears")
  void maskingReplacesPasswords() {
    List<String> args = List.of("publish", "amqp://guest:hunter2@h:5672//", "--text", "x");

    String masked = ErrorReporter.mask("auth failed for hunter2 at amqp://guest:hunter2@h:5672// and redis://:pw9@r/0",
        args);

    assertThat(masked).doesNotContain("hunter2").doesNotContain("pw9")
        .contains("amqp://guest:****@h:5672//").contains("redis://:****@r/0");
  }

  @Test
  @DisplayName("a Kombu exception speaks for itself: its driver cause stays for --debug")
  void kombuMessagesStandAlone() {
    Exception ex = new io.kombu.ChannelException("the broker closed the channel: 404 NOT_FOUND",
        new RuntimeException("channel error; protocol method: #method<channel.close>(reply-code=404)"));

    assertThat(ErrorReporter.describe(ex, List.of())).isEqualTo("the broker closed the channel: 404 NOT_FOUND");
  }

  @Test
  @DisplayName("a missing transport points at kombu --version")
  void missingTransportHint() {
    CliRun run = CliRun.of("queue", "mongodb://u:pw123456@localhost:27017/db", "q");

    assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("kombu-transport-mongo").contains("kombu --version lists")
        .doesNotContain("pw123456");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  @DisplayName("a cause adds its message only when the top message does not already say it")
  void describeAddsNewCauseOnly() {
    Exception repeated = new IllegalStateException("broker said no: refused", new RuntimeException("refused"));
    Exception fresh = new IllegalStateException("broker said no", new RuntimeException("socket closed"));

    assertThat(ErrorReporter.describe(repeated, List.of())).isEqualTo("IllegalStateException: broker said no: refused");
    assertThat(ErrorReporter.describe(fresh, List.of()))
        .isEqualTo("IllegalStateException: broker said no (cause: RuntimeException: socket closed)");
  }
}
