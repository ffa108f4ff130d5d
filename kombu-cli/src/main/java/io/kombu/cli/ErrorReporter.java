package io.kombu.cli;

import io.kombu.KombuException;
import io.kombu.TransportNotFoundException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on stderr and {@link ExitCodes#FAILURE}; the stack trace follows
 * only with {@code --debug}. Passwords are masked twice: core masks the URLs it puts in messages, and this reporter also
 * replaces every password found in the command line's URLs, in case a driver message echoes one.
 *
 * <p>Thread-safety: stateless apart from its configuration; thread-safe.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private static final Pattern URL_PASSWORD = Pattern.compile("://[^/@\\s;]*?:([^@/\\s;]+)@");
  private static final String MASK = "****";

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    List<String> args = parseResult.originalArgs();
    err.println("kombu: error: " + describe(ex, args));
    if (debugRequested(args)) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(mask(trace.toString(), args));
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  /** @return the exception (and, for a non-Kombu exception, its root cause when it adds something) as one masked line */
  static String describe(Throwable ex, List<String> args) {
    String message = messageOf(ex);
    if (ex instanceof TransportNotFoundException) {
      message = message + " The kombu command carries the transports kombu --version lists.";
    }
    Throwable root = ex;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // Kombu's messages already say what the driver reported, in words meant for users; --debug shows the rest.
    if (root != ex && !(ex instanceof KombuException)) {
      String rootMessage = root.getMessage();
      if (rootMessage == null || !message.contains(rootMessage.strip())) {
        message = message + " (cause: " + messageOf(root) + ")";
      }
    }
    return mask(oneLine(message), args);
  }

  private static String messageOf(Throwable t) {
    String m = t.getMessage();
    String name = t.getClass().getSimpleName();
    if (m == null || m.isBlank()) {
      return name;
    }
    // Kombu's messages are written for users; a JDK or driver message needs its type to make sense.
    return t instanceof KombuException ? m : name + ": " + m;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** @return text with every password of every URL among args (and any URL inside text) replaced by a mask */
  static String mask(String text, List<String> args) {
    String masked = text;
    for (String password : passwordsIn(args)) {
      masked = masked.replace(password, MASK);
    }
    Matcher m = URL_PASSWORD.matcher(masked);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String whole = m.group();
      String replaced = whole.substring(0, m.start(1) - m.start()) + MASK + "@";
      m.appendReplacement(out, Matcher.quoteReplacement(replaced));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> passwordsIn(List<String> args) {
    List<String> passwords = new ArrayList<>();
    for (String arg : args) {
      Matcher m = URL_PASSWORD.matcher(arg);
      while (m.find()) {
        String password = m.group(1);
        if (!password.isEmpty() && !password.equals(MASK) && !password.equals("**")) {
          passwords.add(password);
        }
      }
    }
    return passwords;
  }

  static boolean debugRequested(List<String> args) {
    return args.contains("--debug");
  }
}
