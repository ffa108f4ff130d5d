/**
 * JMH benchmarks of {@code kombu-pools}: the cost of an acquire/release pair on a pool limited to 8, with 1 and with 32
 * threads competing for it.
 */
@NullMarked
package io.kombu.benchmarks.pools;

import org.jspecify.annotations.NullMarked;
