package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the executable kombu.jar")
class ExecutableJarIT {
  /** A finished process: its exit status and output. */
  private record Exit(int status, String out, String err) {}

  private static Exit runJar(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("kombu.cli.jar", "target/kombu.jar"));
    assertThat(jar).as("built by the package phase").exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("kombu-out", ".txt");
    Path err = Files.createTempFile("kombu-err", ".txt");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
      return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  @DisplayName("runs the demo with plain progress lines and nothing on stderr")
  void demo() throws Exception {
    Exit exit = runJar("demo", "--messages", "200");

    assertThat(exit.status()).as(exit.err()).isZero();
    assertThat(exit.out()).contains("Consumed and acked 200 messages").contains("(100%)").doesNotContain("\r");
    assertThat(exit.err()).as("quiet logging: no SLF4J notices, no INFO lines").isEmpty();
  }

  @Test
  @DisplayName("exits with status 1 and one line on stderr for an unknown scheme, and 2 for a usage error")
  void exitStatuses() throws Exception {
    Exit unknown = runJar("queue", "nosuch://alice:s3cretpw@h/", "q");
    Exit usage = runJar("consume", "memory://");

    assertThat(unknown.status()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unknown.err().strip().lines()).hasSize(1);
    assertThat(unknown.err()).doesNotContain("s3cretpw");
    assertThat(usage.status()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @DisplayName("prints its version and the transports it carries")
  void version() throws Exception {
    Exit exit = runJar("--version");

    assertThat(exit.status()).isZero();
    assertThat(exit.out()).contains("Transports: amqp, memory, redis");
  }
}
