/**
 * The Redis transport of Kombu-Java ({@code redis://}, {@code rediss://}, {@code redis+socket://}, {@code sentinel://}):
 * Kombu's virtual transport over Redis lists, sets, a hash and pub/sub, wire-compatible with Python Kombu and Celery.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.redis;
