/** Implementation of the Redis transport; no compatibility promise, not for use outside this module. */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.redis.internal;
