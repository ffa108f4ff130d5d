/** JMH benchmarks of publishing and consuming on the {@code memory://} transport, comparable with Python Kombu's. */
@org.jspecify.annotations.NullMarked
package io.kombu.benchmarks.memory;
