package io.kombu.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP listener that plays a broken broker and counts connection attempts: it either closes every connection at
 * once (a broker that dies during the handshake) or accepts and never answers (a hung broker).
 *
 * <p>Thread-safety: {@link #attempts()} and {@link #close()} may be called from any thread.
 */
final class FakeBroker implements AutoCloseable {
  /** How the fake broker treats a connection. */
  enum Behaviour { CLOSE_AT_ONCE, SILENT }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private FakeBroker(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "rel-fake-broker-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** @param behaviour how connections are treated @return a started fake broker on an ephemeral port */
  static FakeBroker start(Behaviour behaviour) {
    try {
      return new FakeBroker(behaviour);
    } catch (IOException e) {
      throw new AssertionError("cannot open a loopback listener: " + e, e);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        attempts.incrementAndGet();
        if (behaviour == Behaviour.CLOSE_AT_ONCE) {
          s.close();
        } else {
          held.add(s);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /** @return the port it listens on */
  int port() {
    return server.getLocalPort();
  }

  /** @return how many TCP connections it accepted */
  int attempts() {
    return attempts.get();
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    } catch (IOException e) {
      // closing a listener that is going away anyway
    }
  }
}
