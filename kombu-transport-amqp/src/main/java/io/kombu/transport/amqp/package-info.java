/**
 * The native AMQP 0-9-1 transport ({@code amqp://}, {@code amqps://}, {@code pyamqp://}) on the RabbitMQ Java client.
 * Register it through {@link io.kombu.transport.amqp.AmqpTransportProvider}; everything else is internal.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.amqp;
