package io.kombu.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads everything this test JVM has logged. The module's surefire and failsafe set-up points slf4j-simple at a file at
 * TRACE level ({@code org.slf4j.simpleLogger.logFile}) and names the same file in {@code kombu.rel.logFile}, so every log
 * line of every logger, Kombu's and the drivers', ends up there.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class LogCapture {
  /** The system property naming the log file. */
  static final String LOG_FILE_PROPERTY = "kombu.rel.logFile";

  private LogCapture() {}

  /** @return the log file, or an assertion error when the build did not configure one */
  static Path logFile() {
    String file = System.getProperty(LOG_FILE_PROPERTY);
    if (file == null || file.isBlank()) {
      throw new AssertionError("no log capture: run through Maven (surefire/failsafe set -D" + LOG_FILE_PROPERTY
          + " and org.slf4j.simpleLogger.logFile), or set both to the same file");
    }
    return Path.of(file);
  }

  /** @return everything logged so far (the file is flushed by slf4j-simple on every line) */
  static String everything() {
    Path file = logFile();
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the captured log " + file, e);
    }
  }

  /** @param t a throwable @return its full printed form: class, message, stack and every cause and suppressed one */
  static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
