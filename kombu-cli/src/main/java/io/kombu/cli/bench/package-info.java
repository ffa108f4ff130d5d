/**
 * {@code kombu bench}: publish and consume+ack throughput, round-trip latency and CPU per message through Kombu-Java, and
 * optionally the same work through the raw driver ({@link io.kombu.cli.bench.BenchWorkload} implementations), so the cost
 * of Kombu's layer can be read as a ratio.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.cli.bench;
