package io.kombu.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the JVM's live threads (ThreadMXBean), the benchmark thread and the drivers' I/O threads alike. JIT and GC
 * threads are not Java threads and are not counted. A thread that ends between two readings loses its time: the
 * benchmark's threads live for the whole run, so this matters little.
 *
 * <p>Thread-safety: not thread-safe; read from the benchmark thread.
 */
final class CpuClock {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = new HashMap<>();

  /** @return whether the JVM can measure thread CPU time */
  boolean supported() {
    return threads.isThreadCpuTimeSupported();
  }

  /** Remembers every live thread's CPU time. */
  void mark() {
    if (supported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    start.clear();
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        start.put(id, cpu);
      }
    }
  }

  /** @return CPU nanoseconds all live threads used since {@link #mark()} (threads born since count in full) */
  long elapsedNanos() {
    long total = 0;
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        total += cpu - start.getOrDefault(id, 0L);
      }
    }
    return total;
  }
}
