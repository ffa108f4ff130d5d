/** Implementation of the AMQP transport. Not an API: no compatibility promise, and no other module may use it. */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.amqp.internal;
