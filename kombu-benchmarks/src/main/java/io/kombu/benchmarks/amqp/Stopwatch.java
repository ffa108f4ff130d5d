package io.kombu.benchmarks.amqp;

/**
 * Times one run: wall clock and process CPU from the start, thread CPU (the calling thread's, or every Java thread's)
 * over the part the caller marks with {@link #workDone}. Process CPU leaves out what the calling thread spends after
 * {@code workDone}: that is the benchmark polling the broker until it holds every message, which costs more the further
 * the broker lags behind a fast publisher, and so would charge the faster contender for the harness's own work.
 *
 * <p>Thread-safety: not thread-safe; used by the thread that started it.
 */
final class Stopwatch {
  private final boolean allThreads;
  private final long wallStart;
  private final long processStart;
  private final long threadStart;
  private long threadCpu = -1;
  /** The calling thread's own CPU clock when the work was done, or -1 before. */
  private long callerAtWorkDone = -1;

  private Stopwatch(boolean allThreads) {
    this.allThreads = allThreads;
    this.threadStart = threadCpu();
    this.processStart = CpuClock.process();
    this.wallStart = System.nanoTime();
  }

  /** @return a stopwatch whose thread CPU is the calling thread's */
  static Stopwatch currentThread() {
    return new Stopwatch(false);
  }

  /** @return a stopwatch whose thread CPU is that of every live Java thread (client I/O and dispatch threads too) */
  static Stopwatch allThreads() {
    return new Stopwatch(true);
  }

  private long threadCpu() {
    return allThreads ? CpuClock.allThreads() : CpuClock.currentThread();
  }

  /** Ends the thread-CPU part (publishing); waiting for the broker afterwards counts only in wall clock and process. */
  void workDone() {
    threadCpu = threadCpu() - threadStart;
    callerAtWorkDone = CpuClock.currentThread();
  }

  /** @return the measurement of {@code messages} messages, ending now */
  Measurement stop(int messages) {
    long wall = System.nanoTime() - wallStart;
    long process = CpuClock.process() - processStart;
    if (threadCpu < 0) {
      workDone();
    }
    process -= CpuClock.currentThread() - callerAtWorkDone;
    return new Measurement(messages / (wall / 1e9), (double) threadCpu / messages, (double) process / messages);
  }
}
