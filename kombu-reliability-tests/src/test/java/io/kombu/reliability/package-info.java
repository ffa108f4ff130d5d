/**
 * The reliability and security suite: hostile and broken input, secrets that must never reach a message or a log line,
 * consumers that crash while holding messages, and broker faults. Tests only; nothing here is published.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.reliability;
