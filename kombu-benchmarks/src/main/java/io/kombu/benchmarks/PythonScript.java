package io.kombu.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python benchmark script that reports on one JSON line, last in its output: the broker benchmarks run Python Kombu's
 * side of each comparison this way. Output goes through temporary files, so a chatty script cannot block on a full pipe.
 *
 * <p>Thread-safety: immutable; thread-safe (each run is its own process).
 */
public final class PythonScript {
  private final String python;
  private final Path script;

  /**
   * @param python the interpreter, e.g. {@code /usr/bin/python3}
   * @param script the script's path
   */
  public PythonScript(String python, Path script) {
    this.python = python;
    this.script = script;
  }

  /**
   * Runs the script with the arguments and waits up to 10 minutes for it.
   *
   * @param args the script's arguments
   * @return its last output line, parsed as JSON
   * @throws IllegalStateException when the script is missing, fails, prints nothing or runs too long
   * @throws IOException when its output cannot be read or is not JSON
   * @throws InterruptedException when interrupted while waiting for it
   */
  public JsonNode run(String... args) throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Python benchmark script not found at " + script.toAbsolutePath()
          + "; run from the repository root or pass --script=<path to " + script.getFileName() + ">");
    }
    Path out = Files.createTempFile("kombu-bench-py", ".out");
    Path err = Files.createTempFile("kombu-bench-py", ".err");
    try {
      List<String> command = new ArrayList<>(List.of(python, script.toString()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("the Python benchmark did not finish within 10 minutes");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0 || stdout.isEmpty()) {
        throw new IllegalStateException("the Python benchmark failed (exit " + p.exitValue() + "): "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new ObjectMapper().readTree(stdout.substring(stdout.lastIndexOf('\n') + 1));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
