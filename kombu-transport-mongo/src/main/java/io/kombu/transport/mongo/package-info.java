/**
 * The {@code mongodb://} transport: MongoDB as a Kombu broker, wire-compatible with Python Kombu's MongoDB transport.
 * {@link io.kombu.transport.mongo.MongoTransportProvider} is the entry point; everything else is internal.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.mongo;
