package io.kombu.pools;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every loan from a {@link LendingPool} shares: the pooled resource it holds, and a loan that ends exactly once, after
 * which the loan refuses to be used, so that a reference kept after release fails fast instead of using a resource another
 * thread now owns.
 *
 * <p>Thread-safety: ending the loan is atomic, so it may happen from any thread; everything else follows the loan's own
 * type (one thread at a time).
 *
 * @param <R> the pooled resource
 */
abstract class Loan<R> {
  private final R resource;
  private final String kind;
  private final String returnCall;
  private final AtomicBoolean returned = new AtomicBoolean();

  /**
   * @param resource the pooled resource lent
   * @param kind what is lent, for messages ("connection")
   * @param returnCall the call that returns it, for messages ("release()")
   */
  Loan(R resource, String kind, String returnCall) {
    this.resource = resource;
    this.kind = kind;
    this.returnCall = returnCall;
  }

  /** @return the pool it came from */
  abstract LendingPool<R, ?> pool();

  /** @return whether the loan is over (released, closed or replaced) */
  public final boolean isReleased() {
    return returned.get();
  }

  final R resource() {
    return resource;
  }

  /** @return true once, for the call that ends the loan */
  final boolean endLoan() {
    return returned.compareAndSet(false, true);
  }

  /** @throws IllegalStateException once the loan is over */
  final void checkLive() {
    if (returned.get()) {
      throw new IllegalStateException("this pooled " + kind + " was already returned to its pool; acquire another from the"
          + " pool instead of keeping a reference after " + returnCall);
    }
  }

  /** @return the resource, while the loan lasts */
  final R live() {
    checkLive();
    return resource;
  }
}
