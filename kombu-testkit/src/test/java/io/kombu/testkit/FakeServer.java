package io.kombu.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** A loopback server that answers each connection's first bytes with a canned reply: a stand-in broker for probe tests. */
final class FakeServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  /** One exchange of a conversation: read this many bytes, then answer. */
  record Step(int requestBytes, Function<byte[], byte[]> reply) {}

  /**
   * @param expectedRequestBytes how many bytes to read before replying
   * @param reply maps the request to the reply
   */
  FakeServer(int expectedRequestBytes, Function<byte[], byte[]> reply) throws IOException {
    this(List.of(new Step(expectedRequestBytes, reply)));
  }

  /** @param conversation the exchanges each connection goes through, in order */
  FakeServer(List<Step> conversation) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  for (Step step : conversation) {
                    byte[] request = in.readNBytes(step.requestBytes());
                    out.write(step.reply().apply(request));
                    out.flush();
                  }
                } catch (IOException e) {
                  // closed: the test is over
                }
              }
            },
            "fake-broker");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static FakeServer redisAnswering(String line) throws IOException {
    int pingLength = "*1\r\n$4\r\nPING\r\n".length();
    return new FakeServer(pingLength, request -> (line + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  /** @return a loopback port that nothing listens on (it was free a moment ago) */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
