package io.kombu.cli.bench;

import java.util.Arrays;

/**
 * Runs the benchmark's phases on one workload: warm-up (unmeasured), then publish and consume+ack in batches (timed
 * separately, CPU measured over both), then round trips one message at a time for the latency percentiles.
 *
 * <p>Thread-safety: stateless; each call uses only its arguments.
 */
final class BenchRunner {
  private BenchRunner() {}

  static BenchResult run(BenchWorkload workload, BenchSettings settings) {
    int sequence = 0;
    for (int done = 0; done < settings.warmup(); done += settings.batch()) {
      int n = Math.min(settings.batch(), settings.warmup() - done);
      for (int i = 0; i < n; i++) {
        workload.publish(sequence++);
      }
      workload.consume(n);
    }

    CpuClock cpu = new CpuClock();
    cpu.mark();
    long publishNanos = 0;
    long consumeNanos = 0;
    for (int done = 0; done < settings.messages(); done += settings.batch()) {
      int n = Math.min(settings.batch(), settings.messages() - done);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        workload.publish(sequence++);
      }
      long t1 = System.nanoTime();
      workload.consume(n);
      long t2 = System.nanoTime();
      publishNanos += t1 - t0;
      consumeNanos += t2 - t1;
    }
    long cpuNanos = cpu.supported() ? cpu.elapsedNanos() : -1_000L * settings.messages();

    long[] roundTrips = new long[settings.latencySamples()];
    for (int i = 0; i < roundTrips.length; i++) {
      long t0 = System.nanoTime();
      workload.publish(sequence++);
      workload.consume(1);
      roundTrips[i] = System.nanoTime() - t0;
    }
    Arrays.sort(roundTrips);

    int m = settings.messages();
    return new BenchResult(workload.name(), m, m / (publishNanos / 1e9), m / (consumeNanos / 1e9),
        percentile(roundTrips, 0.50) / 1e3, percentile(roundTrips, 0.99) / 1e3, cpuNanos / 1e3 / m);
  }

  /** @return the nearest-rank percentile of sorted values, or 0 for none */
  static double percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
