package io.kombu.benchmarks.amqp;

/**
 * Times one run: wall clock and process CPU from {@link #start}, thread CPU (the calling thread's, or every Java
 * thread's) over the part the caller marks with {@link #workDone}.
 *
 * <p>Thread-safety: not thread-safe; used by the thread that started it.
 */
final class Stopwatch {
  private final boolean allThreads;
  private final long wallStart;
  private final long processStart;
  private final long threadStart;
  private long threadCpu = -1;

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
  }

  /** @return the measurement of {@code messages} messages, ending now */
  Measurement stop(int messages) {
    long wall = System.nanoTime() - wallStart;
    long process = CpuClock.process() - processStart;
    if (threadCpu < 0) {
      workDone();
    }
    return new Measurement(messages / (wall / 1e9), (double) threadCpu / messages, (double) process / messages);
  }
}
