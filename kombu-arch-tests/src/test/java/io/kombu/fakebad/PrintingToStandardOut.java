package io.kombu.fakebad;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class PrintingToStandardOut {
  /** Prints, which library code must never do. */
  public void print() {
    System.out.println("library code must log, not print");
  }
}
