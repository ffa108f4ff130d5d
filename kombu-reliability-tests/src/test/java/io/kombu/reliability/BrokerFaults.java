package io.kombu.reliability;

import io.kombu.testkit.TestBrokers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the local broker tools the fault and TLS tests need ({@code rabbitmqctl}, {@code scripts/brokers.sh},
 * {@code openssl}, {@code redis-server}), and says what to do when one is missing.
 *
 * <p>Thread-safety: stateless and thread-safe (the broker itself is shared, so fault tests run one at a time).
 */
final class BrokerFaults {
  private BrokerFaults() {}

  /** @return true when rabbitmqctl can talk to the local node */
  static boolean rabbitmqctlWorks() {
    try {
      run(Duration.ofSeconds(60), "rabbitmqctl", "status");
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** @param connectionName a client-provided connection name @return the broker pids of the connections carrying it */
  static List<String> connectionsNamed(String connectionName) {
    return run(Duration.ofSeconds(60), "rabbitmqctl", "list_connections", "-q", "--no-table-headers", "pid",
        "client_properties").lines()
        .filter(line -> line.contains(connectionName))
        .map(line -> line.substring(0, line.indexOf('\t')))
        .toList();
  }

  /** @param connectionName close every connection carrying this name @return how many were closed */
  static int closeConnections(String connectionName) {
    List<String> pids = connectionsNamed(connectionName);
    for (String pid : pids) {
      run(Duration.ofSeconds(60), "rabbitmqctl", "close_connection", pid, "kombu-java reliability fault test");
    }
    return pids.size();
  }

  /** Restarts the RabbitMQ application through {@code scripts/brokers.sh restart rabbitmq}. */
  static void restartRabbitmq() {
    run(Duration.ofSeconds(180), "bash", brokersScript().toString(), "restart", "rabbitmq");
  }

  /** Makes sure RabbitMQ answers again (a no-op when it does), e.g. after a failed restart test. */
  static void ensureRabbitmqUp() {
    if (!answers(5672)) {
      run(Duration.ofSeconds(240), "bash", brokersScript().toString());
    }
  }

  /** @param command a command and its arguments @return true when it runs and exits with 0 within 30 s */
  static boolean commandWorks(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Skips the calling test because a local tool or listener is missing, or fails it under {@code KOMBU_IT_REQUIRED=true}.
   *
   * @param why what is missing and how to provide it
   */
  static void unavailable(String why) {
    if (TestBrokers.required()) {
      throw new AssertionError(why + " (KOMBU_IT_REQUIRED=true, so this fails instead of skipping)");
    }
    Assumptions.abort(why);
  }

  /** @return a loopback TCP port that was free a moment ago */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("no free loopback port: " + e, e);
    }
  }

  /** @param port a loopback port @return whether something accepts connections there */
  static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path brokersScript() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !dir.resolve("scripts/brokers.sh").toFile().isFile()) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError("scripts/brokers.sh not found above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("scripts/brokers.sh");
  }

  /** @return the command's output; an assertion error when it fails or overruns its limit */
  static String run(Duration limit, String... command) {
    try {
      Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + limit);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command[0] + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command[0], e);
    }
  }
}
