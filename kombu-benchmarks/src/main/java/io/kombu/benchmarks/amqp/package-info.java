/**
 * A plain-main throughput benchmark of the AMQP transport on a local RabbitMQ: Kombu-Java against the raw RabbitMQ
 * client and against Python Kombu (py-amqp), with throughput and CPU per message.
 */
@NullMarked
package io.kombu.benchmarks.amqp;

import org.jspecify.annotations.NullMarked;
