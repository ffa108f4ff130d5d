package io.kombu.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python Kombu snippet with {@code /usr/bin/python3}, the reference peer of the interop tests (Debian's
 * {@code python3-kombu}; {@code scripts/brokers.sh} installs it), and returns its standard output lines.
 *
 * <pre>{@code
 * List<String> lines = PythonKombu.run("import sys, kombu; print(kombu.__version__)");
 * }</pre>
 *
 * <p>Thread-safety: stateless; each call runs its own process.
 */
public final class PythonKombu {
  private static final String PYTHON = "/usr/bin/python3";

  private PythonKombu() {}

  /**
   * @param script Python source, run with {@code python3 -c}
   * @param args its {@code sys.argv[1:]}
   * @return standard output and error, as lines
   * @throws AssertionError when Python cannot start, exits non-zero (its output is in the message) or runs over 60 s
   */
  public static List<String> run(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("python did not finish within 60 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError("python failed with exit code " + p.exitValue() + ":\n" + out);
      }
      return out.lines().toList();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + PYTHON + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running python", e);
    }
  }
}
