package io.kombu.benchmarks.amqp;

import java.util.Arrays;
import java.util.List;

/**
 * One timed run: messages per second, and CPU nanoseconds per message, both of the thread(s) doing the work and of the
 * whole process (JIT and GC included).
 *
 * <p>Thread-safety: immutable; thread-safe.
 *
 * @param perSecond messages per second
 * @param threadCpuNanosPerMessage CPU of the publishing thread, or of every Java thread while consuming, per message
 * @param processCpuNanosPerMessage CPU of the whole process per message
 */
record Measurement(double perSecond, double threadCpuNanosPerMessage, double processCpuNanosPerMessage) {

  /** @return the median of each field separately */
  static Measurement median(List<Measurement> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to take the median of");
    }
    return new Measurement(
        median(runs.stream().mapToDouble(Measurement::perSecond).toArray()),
        median(runs.stream().mapToDouble(Measurement::threadCpuNanosPerMessage).toArray()),
        median(runs.stream().mapToDouble(Measurement::processCpuNanosPerMessage).toArray()));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
