package io.kombu.transport.sqs.internal;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.IrrecoverableChannelException;
import io.kombu.KombuException;
import io.kombu.NotFoundException;
import io.kombu.UncategorizedKombuException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The one place where AWS SDK exceptions become Kombu exceptions. Network and client-side failures are recoverable
 * connection errors (Kombu treats BotoCore and socket errors as connection errors); throttling and server errors are
 * recoverable channel errors; a missing queue is a 404; access denied is a 403 that retrying will not fix.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class SqsErrors {
  private SqsErrors() {}

  /**
   * @param e what the SDK threw
   * @param operation the SQS call, e.g. {@code SendMessage}
   * @param queue the logical queue name, or an empty text
   * @return the Kombu exception to throw (cause kept)
   */
  public static KombuException translate(SdkException e, String operation, String queue) {
    String where = queue.isEmpty() ? operation : operation + " on queue '" + queue + "'";
    if (e instanceof QueueDoesNotExistException) {
      return new NotFoundException(404, "NOT_FOUND - SQS queue for '" + queue + "' does not exist (" + operation
          + "); declare the queue first, or check queue_name_prefix and the region", e);
    }
    if (e instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? "?" : ase.awsErrorDetails().errorCode();
      String text = ase.awsErrorDetails() == null ? ase.getMessage() : ase.awsErrorDetails().errorMessage();
      int status = ase.statusCode();
      if (status == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
        return new IrrecoverableChannelException(403, "ACCESS_REFUSED - SQS refused " + where + ": " + code + " "
            + text + "; grant the IAM permission or use other credentials", e);
      }
      if (ase.isThrottlingException() || status >= 500) {
        return new ChannelException(status, "SQS " + where + " failed with " + code + " (HTTP " + status + "): " + text
            + "; the operation may be retried", e);
      }
      return new UncategorizedKombuException("SQS " + where + " failed with " + code + " (HTTP " + status + "): "
          + text, e);
    }
    if (e instanceof SdkClientException) {
      return new ConnectionException("could not reach SQS for " + where + ": " + e.getMessage()
          + "; check the endpoint, region and network", e);
    }
    return new UncategorizedKombuException("SQS " + where + " failed: " + e.getMessage(), e);
  }
}
