package io.kombu.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code kombu} command: Kombu's messaging model from a shell. {@link #main} runs it and exits with its status;
 * {@link #run} runs it in-process with the given output streams (used by the tests).
 *
 * <p>Thread-safety: each run builds its own {@link CommandLine}; runs may happen on different threads at once.
 */
@Command(
    name = "kombu",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Publish, consume, inspect and benchmark messages on any broker Kombu-Java has a transport for.",
    subcommands = {
      DemoCommand.class,
      PublishCommand.class,
      ConsumeCommand.class,
      QueueCommand.class,
      PurgeCommand.class,
      io.kombu.cli.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:failure (bad URL, missing transport, unreachable broker, broker error)",
      "2:invalid command line",
      "3:timed out before the expected messages arrived"
    })
public final class KombuCommand {
  /** Shows stack traces; read from the raw arguments before logging starts, and by {@link ErrorReporter}. */
  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Log at debug level and print stack traces of errors.")
  boolean debug;

  /**
   * Runs the command and exits the JVM with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--debug")) {
      // slf4j-simple reads its level once, when the first logger is made: set it before anything logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
    PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
    int status = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * Runs the command in-process.
   *
   * @param out where results go
   * @param err where errors and usage go
   * @param args the command line
   * @return the exit status ({@link ExitCodes})
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new KombuCommand())
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorReporter());
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }
}
