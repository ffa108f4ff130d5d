package io.kombu.cli.bench;

/**
 * One way of moving the benchmark's messages through a broker: through Kombu-Java, or straight through a driver. Each
 * works on its own queue, which it creates empty and deletes on {@link #close()}.
 *
 * <p>Thread-safety: not thread-safe; the runner drives it from one thread.
 */
interface BenchWorkload extends AutoCloseable {
  /** @return what it measures, e.g. {@code kombu} or {@code raw amqp-client} */
  String name();

  /** @param sequence the message's number, put in its body */
  void publish(int sequence);

  /**
   * Receives and acknowledges (where the broker has acknowledgements) the next {@code count} messages.
   *
   * @param count how many
   * @throws io.kombu.KombuTimeoutException when they do not all arrive within the workload's wait limit
   */
  void consume(int count);

  @Override
  void close();
}
