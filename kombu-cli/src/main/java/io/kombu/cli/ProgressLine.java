package io.kombu.cli;

import java.io.PrintWriter;

/**
 * A progress display for long loops. On a terminal it redraws one bar in place ({@code \r}); otherwise (a pipe, a file,
 * a test) it prints a plain line at each quarter, so logs stay readable.
 *
 * <p>Thread-safety: not thread-safe; update it from one thread.
 */
final class ProgressLine {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private long lastDrawNanos;
  private int lastQuarter;
  private boolean ended;

  /**
   * @param out where to draw
   * @param label what is being counted, e.g. {@code published}
   * @param total the count at 100%
   * @param terminal redraw in place (true only when {@code System.console() != null})
   */
  ProgressLine(PrintWriter out, String label, long total, boolean terminal) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.terminal = terminal;
  }

  /** @param done how many are done so far */
  void update(long done) {
    if (terminal) {
      long now = System.nanoTime();
      if (done < total && now - lastDrawNanos < REDRAW_NANOS) {
        return;
      }
      lastDrawNanos = now;
      int filled = (int) (WIDTH * Math.min(done, total) / total);
      out.print("\r  " + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
      if (done >= total && !ended) {
        ended = true;
        out.println();
      }
      out.flush();
    } else {
      int quarter = (int) (4 * Math.min(done, total) / total);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        out.println("  " + label + " " + done + "/" + total + " (" + quarter * 25 + "%)");
      }
    }
  }

  /** Ends an unfinished bar (e.g. after a timeout), so the next output starts on its own line. */
  void finish() {
    if (terminal && lastDrawNanos != 0 && !ended) {
      ended = true;
      out.println();
      out.flush();
    }
  }
}
