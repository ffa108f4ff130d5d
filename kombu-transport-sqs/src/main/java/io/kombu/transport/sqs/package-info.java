/**
 * The Amazon SQS transport ({@code sqs://}) of Kombu-Java, compatible with Python Kombu's SQS transport. Start at {@link
 * io.kombu.transport.sqs.SqsTransportProvider}.
 */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.sqs;
