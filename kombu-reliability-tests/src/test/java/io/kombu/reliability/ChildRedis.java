package io.kombu.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code redis-server} the test starts as a child process on a port of its own, so that it can be given TLS or AOF
 * persistence, and killed, without touching the shared Redis on 6379. Its output goes to {@code redis-<port>.log} in
 * the given directory.
 *
 * <p>Thread-safety: {@link #kill()}, {@link #isAlive()} and {@link #close()} may be called from any thread;
 * {@link #start} waits on the calling one.
 */
final class ChildRedis implements AutoCloseable {
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(20);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path log;

  private ChildRedis(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code redis-server} with the given arguments and waits until {@code port} accepts connections. A server that
   * exits at once (e.g. built without TLS) skips the test, or fails it under {@code KOMBU_IT_REQUIRED=true}.
   *
   * @param dir the directory for the log file
   * @param port the port to wait for (the plain or the TLS port, as the arguments say)
   * @param args the server's arguments
   * @return the running server
   */
  static ChildRedis start(Path dir, int port, List<String> args) {
    if (!BrokerFaults.commandWorks("redis-server", "--version")) {
      BrokerFaults.unavailable("redis-server must be on the PATH to start a Redis of the test's own");
    }
    List<String> command = new ArrayList<>();
    command.add("redis-server");
    command.addAll(args);
    Path log = dir.resolve("redis-" + port + ".log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start redis-server: " + e, e);
    }
    ChildRedis server = new ChildRedis(process, port, log);
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (!BrokerFaults.answers(port)) {
      if (!process.isAlive()) {
        BrokerFaults.unavailable("redis-server " + String.join(" ", args) + " exited with " + process.exitValue()
            + ": " + server.logText());
      }
      if (System.nanoTime() - deadline > 0) {
        server.close();
        throw new AssertionError("redis-server did not accept on port " + port + " within " + STARTUP_LIMIT
            + "; its log: " + server.logText());
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    return server;
  }

  /** @return the port the server was started for */
  int port() {
    return port;
  }

  /** @return whether the process still runs */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the server with {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux), so that it cannot flush or
   * close anything, and waits for it to be gone.
   *
   * @return the exit status, 137 (128 + 9) when SIGKILL ended it
   */
  int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("redis-server on port " + port + " still runs " + STOP_LIMIT + " after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while killing redis-server", e);
    }
    return process.exitValue();
  }

  /** @return the server's output so far */
  String logText() {
    try {
      return Files.readString(log).strip();
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
