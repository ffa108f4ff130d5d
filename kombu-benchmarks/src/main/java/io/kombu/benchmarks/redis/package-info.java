/**
 * Throughput and latency of the {@code redis://} transport against raw Jedis issuing Kombu's own commands and against
 * Python Kombu 5.2.4 on the same Redis: a plain main, {@link io.kombu.benchmarks.redis.RedisBenchmark}.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.benchmarks.redis;
