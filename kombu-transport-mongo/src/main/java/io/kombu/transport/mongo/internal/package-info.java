/** Internals of the MongoDB transport: no compatibility promise, not for use outside this module. */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.mongo.internal;
