package io.kombu.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Checks that a broker answers at a URL's address: a TCP connect with a short timeout, then a protocol greeting where it
 * is cheap (Redis {@code PING} → {@code +PONG}; the AMQP 0-9-1 protocol header → a connection.start frame or the broker's
 * own protocol header). Other schemes only need the TCP connect. Never reports the password.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class BrokerProbe {
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1500);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

  private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
  private static final int AMQP_FRAME_METHOD = 1;

  private BrokerProbe() {}

  static BrokerAvailability probe(String broker, String rawUrl) {
    String masked = BrokerAddress.mask(rawUrl);
    BrokerAddress address;
    try {
      address = BrokerAddress.parse(rawUrl);
    } catch (IllegalArgumentException e) {
      return BrokerAvailability.unreachable(broker, masked, e.getMessage());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.host(), address.port()), (int) CONNECT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      String greeting;
      switch (address.scheme()) {
        case "redis":
        case "rediss":
          greeting = "rediss".equals(address.scheme()) ? "TCP connect (TLS not probed)" : redisPing(socket, address);
          break;
        case "amqp":
        case "pyamqp":
          greeting = amqpHandshake(socket);
          break;
        default:
          greeting = "TCP connect";
          break;
      }
      return BrokerAvailability.reachable(broker, masked, greeting);
    } catch (SocketTimeoutException e) {
      return BrokerAvailability.unreachable(
          broker, masked, "no answer from " + address.host() + ":" + address.port() + " in time (" + e.getMessage() + ")");
    } catch (ProtocolException e) {
      // Something answered, but not as the broker should: the message says what answered.
      return BrokerAvailability.unreachable(broker, masked, e.getMessage());
    } catch (IOException e) {
      return BrokerAvailability.unreachable(
          broker, masked, address.host() + ":" + address.port() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String redisPing(Socket socket, BrokerAddress address) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    if (!address.password().isEmpty()) {
      out.write(
          address.user().isEmpty()
              ? resp("AUTH", percentDecode(address.password()))
              : resp("AUTH", percentDecode(address.user()), percentDecode(address.password())));
      out.flush();
      String auth = readLine(in);
      if (!auth.startsWith("+OK")) {
        // The reply names no secret, but keep it short: "-WRONGPASS ..." or "-ERR ...".
        throw new ProtocolException("Redis refused AUTH with the URL's password: " + firstWord(auth));
      }
    }
    out.write(resp("PING"));
    out.flush();
    String reply = readLine(in);
    if (!reply.startsWith("+PONG")) {
      if (reply.startsWith("-NOAUTH")) {
        throw new ProtocolException("Redis needs a password; put it in the URL (redis://:<password>@host:port/db)");
      }
      throw new ProtocolException("expected +PONG from Redis, got: " + printable(reply));
    }
    return "PING answered +PONG";
  }

  private static String amqpHandshake(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(AMQP_HEADER);
    out.flush();
    byte[] first = socket.getInputStream().readNBytes(4);
    if (first.length == 4 && new String(first, StandardCharsets.US_ASCII).equals("AMQP")) {
      return "answered with its AMQP protocol header";
    }
    if (first.length > 0 && first[0] == AMQP_FRAME_METHOD) {
      return "answered AMQP 0-9-1 connection.start";
    }
    throw new ProtocolException("something answers there, but not an AMQP broker (first bytes: " + hex(first) + ")");
  }

  private static byte[] resp(String... parts) {
    StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String p : parts) {
      sb.append('$').append(p.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(p).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n' && sb.length() < 512) {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    if (c == -1 && sb.length() == 0) {
      throw new ProtocolException("the server closed the connection without answering");
    }
    return sb.toString();
  }

  private static String percentDecode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String firstWord(String reply) {
    int space = reply.indexOf(' ');
    return printable(space > 0 ? reply.substring(0, space) : reply);
  }

  private static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }

}
