/**
 * Test support for Kombu-Java transports: {@link io.kombu.testkit.TestBrokers} (where the integration-test brokers are),
 * {@link io.kombu.testkit.RequiresBroker} (skip, or fail in CI, when a broker is not reachable) and {@link
 * io.kombu.testkit.TransportConformanceKit} (the behaviour every transport must show through the public API).
 */
@org.jspecify.annotations.NullMarked
package io.kombu.testkit;
