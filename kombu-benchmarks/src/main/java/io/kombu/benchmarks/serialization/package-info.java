/** JMH benchmarks of the serializers in kombu-serialization, against Jackson's ObjectMapper as a baseline. */
package io.kombu.benchmarks.serialization;
