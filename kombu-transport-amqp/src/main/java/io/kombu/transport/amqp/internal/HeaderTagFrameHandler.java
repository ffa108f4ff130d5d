package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.WriteListener;
import com.rabbitmq.client.impl.AMQConnection;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.FrameHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the client's frame handler so that content-header frames pass through {@link HeaderTagRewriter} in both
 * directions; every other frame and call goes straight to the wrapped handler.
 *
 * <p>Thread-safety: as thread-safe as the wrapped handler (reads come from the client's main loop thread, writes are
 * serialised by the client).
 */
final class HeaderTagFrameHandler implements FrameHandler {
  private static final Logger log = LoggerFactory.getLogger(HeaderTagFrameHandler.class);

  /**
   * True while the current thread publishes a message whose headers hold a negative 64-bit integer: only such a
   * content header needs its outbound tags rewritten, and looking into every header frame would copy each one.
   */
  private static final ThreadLocal<Boolean> NEGATIVE_LONGS_IN_FLIGHT = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final FrameHandler delegate;

  HeaderTagFrameHandler(FrameHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public Frame readFrame() throws IOException {
    Frame frame = delegate.readFrame();
    if (frame != null && frame.getType() == AMQP.FRAME_HEADER) {
      byte[] payload = frame.getPayload();
      int changed = HeaderTagRewriter.rewriteInbound(payload);
      if (changed > 0) {
        log.debug("read {} py-amqp 'L' header value(s) on channel {} as 64-bit longs", changed, frame.getChannel());
        // getPayload() may be a copy (NIO frames), so hand on a frame that holds the rewritten bytes.
        return new Frame(frame.getType(), frame.getChannel(), payload);
      }
    }
    return frame;
  }

  /**
   * Runs a publish whose headers hold a negative 64-bit integer, so that its content header is rewritten for py-amqp.
   * The client writes a publish's frames on the publishing thread, which is what makes a thread-local flag enough.
   *
   * @param publish the publish
   * @throws IOException as the publish throws it
   */
  static void publishNegativeLongs(IoAction publish) throws IOException {
    NEGATIVE_LONGS_IN_FLIGHT.set(Boolean.TRUE);
    try {
      publish.run();
    } finally {
      NEGATIVE_LONGS_IN_FLIGHT.set(Boolean.FALSE);
    }
  }

  /** A publish that may throw the client's IOException. */
  @FunctionalInterface
  interface IoAction {
    void run() throws IOException;
  }

  @Override
  public void writeFrame(Frame frame) throws IOException {
    if (frame.getType() == AMQP.FRAME_HEADER && NEGATIVE_LONGS_IN_FLIGHT.get()) {
      byte[] payload = frame.getPayload();
      if (HeaderTagRewriter.rewriteOutbound(payload) > 0) {
        // Outbound frames are written from an accumulator or a ByteBuffer, never from a plain payload array.
        frame = new Frame(frame.getType(), frame.getChannel(), ByteBuffer.wrap(payload));
      }
    }
    delegate.writeFrame(frame);
  }

  @Override
  public boolean internalHearbeat() {
    return delegate.internalHearbeat();
  }

  @Override
  public void setTimeout(int timeoutMs) throws SocketException {
    delegate.setTimeout(timeoutMs);
  }

  @Override
  public int getTimeout() throws SocketException {
    return delegate.getTimeout();
  }

  @Override
  public void sendHeader() throws IOException {
    delegate.sendHeader();
  }

  @Override
  public void initialize(AMQConnection connection) {
    delegate.initialize(connection);
  }

  @Override
  public void startProcessing() {
    delegate.startProcessing();
  }

  @Override
  public void finishConnectionNegotiation() {
    delegate.finishConnectionNegotiation();
  }

  @Override
  public void setFrameMax(int frameMax) {
    delegate.setFrameMax(frameMax);
  }

  @Override
  public void flush(WriteListener listener) throws IOException {
    delegate.flush(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public InetAddress getLocalAddress() {
    return delegate.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return delegate.getLocalPort();
  }

  @Override
  public InetAddress getAddress() {
    return delegate.getAddress();
  }

  @Override
  public int getPort() {
    return delegate.getPort();
  }
}
