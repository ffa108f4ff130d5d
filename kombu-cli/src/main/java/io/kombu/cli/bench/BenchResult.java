package io.kombu.cli.bench;

/**
 * What one workload measured. Rates are messages per second; latencies microseconds; CPU microseconds per message
 * (publish + consume + ack), or -1 when the JVM cannot measure thread CPU time.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name workload, e.g. {@code kombu}
 * @param messages measured messages
 * @param publishPerSecond publish throughput
 * @param consumePerSecond consume + ack throughput
 * @param latencyP50Micros median publish-to-ack round trip
 * @param latencyP99Micros 99th percentile round trip
 * @param cpuMicrosPerMessage CPU per message over the publish and consume phases
 */
record BenchResult(String name, int messages, double publishPerSecond, double consumePerSecond, double latencyP50Micros,
    double latencyP99Micros, double cpuMicrosPerMessage) {}
