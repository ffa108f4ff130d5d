/** JMH benchmarks of kombu-compression's codecs on small JSON-like bodies. */
@org.jspecify.annotations.NullMarked
package io.kombu.benchmarks.compression;
