package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.FrameHandlerFactory;
import java.io.IOException;
import javax.net.ssl.SSLContext;

/**
 * The client's connection factory with two changes: every frame handler it creates is wrapped in a
 * {@link HeaderTagFrameHandler}, so that py-amqp's {@code L} header values can be read (see {@link HeaderTagRewriter});
 * and TLS can be used without host name verification ({@code ssl_check_hostname=false}), which the public
 * {@code useSslProtocol(SSLContext)} always turns on.
 *
 * <p>Thread-safety: configure from one thread, then as thread-safe as {@link ConnectionFactory}.
 */
final class KombuConnectionFactory extends ConnectionFactory {
  /**
   * @param context the TLS context
   * @param verifyHostname check that the server certificate names the host we connect to
   */
  void useTls(SSLContext context, boolean verifyHostname) {
    useSslProtocol(context, verifyHostname);
  }

  @Override
  protected synchronized FrameHandlerFactory createFrameHandlerFactory() throws IOException {
    FrameHandlerFactory clientFactory = super.createFrameHandlerFactory();
    return (address, connectionName) -> new HeaderTagFrameHandler(clientFactory.create(address, connectionName));
  }
}
