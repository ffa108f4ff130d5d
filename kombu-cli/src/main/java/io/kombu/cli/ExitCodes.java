package io.kombu.cli;

/**
 * The exit statuses of the {@code kombu} command.
 *
 * <p>Thread-safety: constants only; thread-safe.
 */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** The command failed: bad URL, missing transport, unreachable broker, broker error. */
  public static final int FAILURE = 1;
  /** The command line itself was wrong (unknown option, missing argument); picocli's usage status. */
  public static final int USAGE = 2;
  /** {@code consume --count N} or {@code demo} stopped waiting before all expected messages arrived. */
  public static final int TIMEOUT = 3;

  private ExitCodes() {}
}
