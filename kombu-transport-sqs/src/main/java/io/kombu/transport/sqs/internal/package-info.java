/** Implementation of the SQS transport; no compatibility promise, not for use by other modules. */
@org.jspecify.annotations.NullMarked
package io.kombu.transport.sqs.internal;
