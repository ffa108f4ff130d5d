package io.kombu.cli.fakecli;

/** A well-behaved fixture for {@link io.kombu.archtests.RulesCanFailTest}: the CLI package may print. */
public final class CommandLinePrinter {
  /** Prints a line for the person at the terminal. */
  public void print() {
    System.out.println("the CLI may print");
  }
}
