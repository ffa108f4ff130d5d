package io.kombu.pools;

import io.kombu.LimitExceededException;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connection, channel and producer pools share on top of their {@link ResourcePool}: acquiring with or without
 * a timeout, {@code use}/{@code run} that replace a resource whose work threw, returning and replacing loans exactly once,
 * resizing and closing. Each pool adds only what it lends and how.
 *
 * <p>Thread-safety: thread-safe; the resource pool's lock guards all shared state.
 *
 * @param <R> the pooled resource
 * @param <L> the loan handed to callers
 */
abstract class LendingPool<R, L extends Loan<R>> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LendingPool.class);

  private final String kind;
  private final Class<L> loanType;
  final ResourcePool<R> resources;

  /**
   * @param kind what is pooled, for messages ("connection")
   * @param loanType the loans this pool hands out, to recognise its own
   * @param limit the most resources at once, 0 for no limit
   * @param lifecycle creates, checks and closes resources
   * @param limitError makes the exception thrown when the limit is reached
   */
  LendingPool(String kind, Class<L> loanType, int limit, ResourcePool.Lifecycle<R> lifecycle,
      BiFunction<String, @Nullable Throwable, LimitExceededException> limitError) {
    this.kind = kind;
    this.loanType = loanType;
    this.resources = new ResourcePool<>(kind, limit, lifecycle, limitError);
  }

  /** @param timeout null for no wait @return a new loan */
  abstract L lend(@Nullable Duration timeout);

  /** Gives the resources of a loan that just ended back to their pools. */
  void giveBack(L loan) {
    resources.release(loan.resource());
  }

  /** Closes the resources of a loan that just ended and frees their slots. */
  void discard(L loan) {
    resources.replace(loan.resource());
  }

  /**
   * Takes one without waiting (Kombu's {@code acquire(block=False)}).
   *
   * @return a loan; return it with {@code close()}
   * @throws LimitExceededException (the pool's own subclass) when all {@link #limit()} are in use
   * @throws IllegalStateException "Acquire on closed pool" once the pool was closed
   */
  public L acquire() {
    return lend(null);
  }

  /**
   * Takes one, waiting up to the timeout for one to be returned (Kombu's {@code acquire(block=True, timeout)}).
   *
   * @param timeout how long to wait when all are in use
   * @return a loan; return it with {@code close()}
   * @throws LimitExceededException (the pool's own subclass) when none was returned in time
   * @throws IllegalStateException "Acquire on closed pool" once the pool was closed
   */
  public L acquire(Duration timeout) {
    return lend(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Runs work on a loan and returns it; when the work throws, what was lent is closed and replaced instead of reused, and
   * the error propagates.
   *
   * @param timeout how long to wait for a free one
   * @param work what to do with it; must not keep the loan
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T use(Duration timeout, Function<? super L, T> work) {
    Objects.requireNonNull(work, "work");
    L loan = acquire(timeout);
    T result;
    try {
      result = work.apply(loan);
    } catch (RuntimeException | Error e) {
      replaceLoan(loan);
      throw e;
    }
    returnLoan(loan);
    return result;
  }

  /**
   * Like {@link #use} for work without a result.
   *
   * @param timeout how long to wait for a free one
   * @param work what to do with it; must not keep the loan
   */
  public void run(Duration timeout, Consumer<? super L> work) {
    Objects.requireNonNull(work, "work");
    use(timeout, loan -> {
      work.accept(loan);
      return null;
    });
  }

  /** Ends the loan and gives its resources back; a loan already over is left alone. */
  final void returnLoan(L loan) {
    if (loan.endLoan()) {
      giveBack(loan);
    } else {
      log.debug("{} already returned", loan);
    }
  }

  /** Ends the loan and has its resources closed and their slots freed; a loan already over is left alone. */
  final void replaceLoan(L loan) {
    if (loan.endLoan()) {
      discard(loan);
    }
  }

  /**
   * @param lent what a caller passes back to {@code release} or {@code replace}
   * @return it as this pool's loan
   * @throws IllegalArgumentException when it did not come from this pool
   */
  final L requireLoan(Object lent) {
    Objects.requireNonNull(lent, kind);
    if (!loanType.isInstance(lent) || loanType.cast(lent).pool() != this) {
      throw new IllegalArgumentException("this " + kind + " did not come from this pool: " + lent);
    }
    return loanType.cast(lent);
  }

  /**
   * Changes the limit (Kombu's {@code resize}): growing wakes waiting threads, shrinking closes the least recently used
   * free resources.
   *
   * @param limit the new limit, 0 for none
   * @throws IllegalStateException "Can't shrink pool when in use: was=A now=B" when fewer than are in use
   */
  public void resize(int limit) {
    resources.resize(limit, false);
  }

  /**
   * @param limit the new limit, 0 for none
   * @param force when shrinking below the number in use, close every resource (also those on loan) instead of failing
   */
  public void resize(int limit, boolean force) {
    resources.resize(limit, force);
  }

  /** Closes every resource, also those on loan, and the pool (Kombu's {@code force_close_all}). */
  public void forceCloseAll() {
    resources.forceCloseAll(true);
  }

  /** @return the limit, 0 for none */
  public int limit() {
    return resources.limit();
  }

  /** @return how many are on loan */
  public int inUse() {
    return resources.inUse();
  }

  /** @return how many wait to be lent */
  public int free() {
    return resources.free();
  }

  /** @return whether the pool is closed */
  public boolean isClosed() {
    return resources.isClosed();
  }

  /** Same as {@link #forceCloseAll()}. A second call does nothing. */
  @Override
  public void close() {
    forceCloseAll();
  }
}
