/** JMH benchmarks of Kombu-Java's hot paths; each area has a sub-package. Not published. */
package io.kombu.benchmarks;
