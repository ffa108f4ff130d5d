package io.kombu.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the kombu command with its captured output. Thread-safety: immutable. */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = KombuCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(status, out.toString(), err.toString());
  }
}
