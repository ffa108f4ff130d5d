package io.kombu.cli.bench;

import java.time.Duration;

/**
 * What one benchmark run does.
 *
 * <p>Thread-safety: immutable.
 *
 * @param messages measured messages
 * @param sizeBytes length of the body's payload string
 * @param serializer Kombu serializer of the body
 * @param prefetch consumer prefetch count
 * @param batch publish this many, then consume them, until done (the whole run when equal to messages)
 * @param warmup messages published and consumed before measuring (JIT, connections, caches)
 * @param latencySamples round trips timed one at a time
 * @param messageWait longest wait for one message before the run fails
 */
record BenchSettings(int messages, int sizeBytes, String serializer, int prefetch, int batch, int warmup,
    int latencySamples, Duration messageWait) {}
