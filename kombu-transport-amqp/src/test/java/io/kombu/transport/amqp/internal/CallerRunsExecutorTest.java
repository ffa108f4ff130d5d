package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the consumer callback executor")
class CallerRunsExecutorTest {
  @Test
  @DisplayName("runs a task on the submitting thread before execute returns")
  void runsOnCaller() {
    CallerRunsExecutor executor = new CallerRunsExecutor();
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    executor.execute(() -> ranOn.set(Thread.currentThread()));

    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  @DisplayName("rejects tasks after shutdown and reports itself terminated")
  void shutdown() throws InterruptedException {
    CallerRunsExecutor executor = new CallerRunsExecutor();
    assertThat(executor.isShutdown()).isFalse();
    assertThat(executor.isTerminated()).isFalse();

    assertThat(executor.shutdownNow()).isEmpty();

    assertThat(executor.isShutdown()).isTrue();
    assertThat(executor.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  @DisplayName("a shutdown during a running task terminates when that task ends")
  void shutdownWhileRunning() {
    CallerRunsExecutor executor = new CallerRunsExecutor();
    AtomicReference<Boolean> terminatedInside = new AtomicReference<>();

    executor.execute(() -> {
      executor.shutdown();
      terminatedInside.set(executor.isTerminated());
    });

    assertThat(terminatedInside.get()).isFalse();
    assertThat(executor.isTerminated()).isTrue();
  }
}
