/** JMH benchmarks of the virtual-transport engine: topic matching and memory:// publish/consume throughput. */
@NullMarked
package io.kombu.benchmarks.virtual;

import org.jspecify.annotations.NullMarked;
