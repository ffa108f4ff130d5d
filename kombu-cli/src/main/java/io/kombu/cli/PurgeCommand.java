package io.kombu.cli;

import io.kombu.Channel;
import io.kombu.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kombu purge}: removes every ready message from a queue and says how many went.
 *
 * <p>Thread-safety: a command object is used for one run on one thread.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
    description = "Remove all ready messages from a queue (fails if the queue does not exist).")
final class PurgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "Broker URL.")
  String url;

  @Parameters(index = "1", paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  @Override
  public Integer call() {
    try (Connection conn = Connections.open(url)) {
      Channel channel = conn.defaultChannel();
      // Some transports purge a missing queue silently; a typo should fail instead.
      channel.queueDeclarePassive(queue);
      long purged = channel.queuePurge(queue);
      spec.commandLine().getOut().printf("Purged %d message%s from queue '%s'%n", purged, purged == 1 ? "" : "s", queue);
    }
    return ExitCodes.OK;
  }
}
