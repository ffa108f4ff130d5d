package io.kombu.transport.amqp.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor for the client's consumer callbacks: runs each task on the thread that submits it, which for deliveries
 * is the connection's reader thread. The transport's callbacks only queue an event for {@code drainEvents} (and at most
 * send a non-blocking {@code basic.reject}); they never wait for the broker, so running them on the reader thread is
 * safe and saves a thread hand-off per delivery. Tasks submitted after {@link #shutdown()} are rejected.
 *
 * <p>Thread-safety: thread-safe.
 */
final class CallerRunsExecutor extends AbstractExecutorService {
  private final AtomicInteger running = new AtomicInteger();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean shutdown;

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("the AMQP consumer executor is shut down");
    }
    running.incrementAndGet();
    try {
      task.run();
    } finally {
      if (running.decrementAndGet() == 0 && shutdown) {
        terminated.countDown();
      }
    }
  }

  @Override
  public void shutdown() {
    shutdown = true;
    if (running.get() == 0) {
      terminated.countDown();
    }
  }

  /** @return nothing: tasks run when submitted, so none is ever waiting */
  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }
}
