package io.kombu.reliability;

import io.kombu.core.ConsumerLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConsumerLoop} running {@link ConsumerLoop#run()} on its own daemon thread, with whatever ended the thread
 * kept for the test to assert on. Closing it stops the loop and waits (bounded) for the thread to end.
 *
 * <p>Thread-safety: {@link #isRunning()}, {@link #failure()} and {@link #close()} may be called from any thread.
 */
final class RunningLoop implements AutoCloseable {
  private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

  private final ConsumerLoop loop;
  private final Thread thread;
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

  private RunningLoop(ConsumerLoop loop, String name) {
    this.loop = loop;
    this.thread = new Thread(this::runLoop, name);
    this.thread.setDaemon(true);
  }

  /** @param loop the loop to run @param name thread name @return the started loop */
  static RunningLoop start(ConsumerLoop loop, String name) {
    RunningLoop running = new RunningLoop(loop, name);
    running.thread.start();
    return running;
  }

  private void runLoop() {
    try {
      loop.run();
    } catch (Throwable t) {
      failure.set(t);
    }
  }

  /** @return true while the loop's thread has not ended */
  boolean isRunning() {
    return thread.isAlive();
  }

  /** @return what ended the loop's thread with an error, or null */
  @Nullable Throwable failure() {
    return failure.get();
  }

  @Override
  public void close() {
    loop.stop();
    try {
      thread.join(STOP_LIMIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      throw new AssertionError("the consumer loop did not stop within " + STOP_LIMIT);
    }
  }
}
