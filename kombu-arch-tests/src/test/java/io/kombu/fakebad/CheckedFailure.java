package io.kombu.fakebad;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CheckedFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what happened */
  public CheckedFailure(String message) {
    super(message);
  }
}
