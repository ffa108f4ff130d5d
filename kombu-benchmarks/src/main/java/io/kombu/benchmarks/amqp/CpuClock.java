package io.kombu.benchmarks.amqp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Reads CPU time: of the calling thread, of every live Java thread, and of the whole process
 * ({@code com.sun.management.OperatingSystemMXBean}, which includes GC and JIT threads).
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS = operatingSystem();

  private CpuClock() {}

  private static com.sun.management.OperatingSystemMXBean operatingSystem() {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
      throw new IllegalStateException("this JVM does not offer com.sun.management.OperatingSystemMXBean, so process "
          + "CPU time cannot be measured; run the benchmark on a HotSpot-based JDK");
    }
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time; run on a HotSpot-based JDK");
    }
    THREADS.setThreadCpuTimeEnabled(true);
    return os;
  }

  /** @return CPU nanoseconds the calling thread has used */
  static long currentThread() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /**
   * @return CPU nanoseconds used by the Java threads alive now; a thread that ended since an earlier reading is missed,
   *     so take both readings while the same threads run (the benchmark keeps its connections open)
   */
  static long allThreads() {
    long total = 0;
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu > 0) {
        total += cpu;
      }
    }
    return total;
  }

  /** @return CPU nanoseconds the whole process has used */
  static long process() {
    return OS.getProcessCpuTime();
  }
}
