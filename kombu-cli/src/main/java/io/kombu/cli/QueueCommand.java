package io.kombu.cli;

import io.kombu.Connection;
import io.kombu.QueueDeclareResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kombu queue}: a queue's name, message count and consumer count (a passive declare: nothing is created).
 *
 * <p>Thread-safety: a command object is used for one run on one thread.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
    description = "Show a queue's message count and consumer count (fails if the queue does not exist).")
final class QueueCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "Broker URL.")
  String url;

  @Parameters(index = "1", paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  @Override
  public Integer call() {
    try (Connection conn = Connections.open(url)) {
      QueueDeclareResult result = conn.defaultChannel().queueDeclarePassive(queue);
      PrintWriter out = spec.commandLine().getOut();
      out.println("name: " + result.name());
      out.println("messages: " + result.messageCount());
      out.println("consumers: " + result.consumerCount());
    }
    return ExitCodes.OK;
  }
}
