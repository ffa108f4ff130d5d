package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.FrameHandlerFactory;
import java.io.IOException;

/**
 * The client's connection factory with one change: every frame handler it creates is wrapped in a
 * {@link HeaderTagFrameHandler}, so that py-amqp's {@code L} header values can be read (see {@link HeaderTagRewriter}).
 *
 * <p>Thread-safety: configure from one thread, then as thread-safe as {@link ConnectionFactory}.
 */
final class KombuConnectionFactory extends ConnectionFactory {
  @Override
  protected synchronized FrameHandlerFactory createFrameHandlerFactory() throws IOException {
    FrameHandlerFactory clientFactory = super.createFrameHandlerFactory();
    return (address, connectionName) -> new HeaderTagFrameHandler(clientFactory.create(address, connectionName));
  }
}
