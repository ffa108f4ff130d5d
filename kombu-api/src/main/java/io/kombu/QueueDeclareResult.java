package io.kombu;

/**
 * What a queue declaration answered: the queue's name (the broker's choice for a server-named queue), how many messages are
 * ready, and how many consumers it has (virtual transports always report 0 consumers, as Kombu does).
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param name the queue name
 * @param messageCount ready messages
 * @param consumerCount consumers
 */
public record QueueDeclareResult(String name, long messageCount, int consumerCount) {}
