package io.kombu.transport.sqs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.IrrecoverableChannelException;
import io.kombu.KombuException;
import io.kombu.NotFoundException;
import io.kombu.UncategorizedKombuException;
import io.kombu.spi.ErrorKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

@DisplayName("AWS SDK errors become Kombu exceptions in one place")
class SqsErrorsTest {
  private static SqsException service(int status, String code) {
    return (SqsException) SqsException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("says " + code).build()).build();
  }

  @Test
  @DisplayName("a missing queue is a 404 NotFoundException naming the queue")
  void missingQueue() {
    KombuException e = SqsErrors.translate(QueueDoesNotExistException.builder().statusCode(400).build(),
        "GetQueueAttributes", "jobs");
    assertThat(e).isInstanceOf(NotFoundException.class).hasMessageContaining("jobs").hasCauseInstanceOf(
        QueueDoesNotExistException.class);
  }

  @Test
  @DisplayName("access denied is a 403 that retrying will not fix")
  void accessDenied() {
    assertThat(SqsErrors.translate(service(403, "AccessDenied"), "DeleteMessage", "jobs"))
        .isInstanceOf(IrrecoverableChannelException.class).hasMessageContaining("AccessDenied");
  }

  @Test
  @DisplayName("throttling and server errors are recoverable channel errors")
  void recoverableChannel() {
    KombuException throttled = SqsErrors.translate(service(400, "ThrottlingException"), "SendMessage", "jobs");
    KombuException server = SqsErrors.translate(service(500, "InternalError"), "SendMessage", "jobs");
    assertThat(throttled).isInstanceOf(ChannelException.class);
    assertThat(server).isInstanceOf(ChannelException.class);
    assertThat(ErrorKind.of(server)).isEqualTo(ErrorKind.RECOVERABLE_CHANNEL);
  }

  @Test
  @DisplayName("client-side and network failures are recoverable connection errors")
  void network() {
    KombuException e = SqsErrors.translate(SdkClientException.create("Unable to execute HTTP request"),
        "ReceiveMessage", "jobs");
    assertThat(e).isInstanceOf(ConnectionException.class);
    assertThat(ErrorKind.of(e)).isEqualTo(ErrorKind.RECOVERABLE_CONNECTION);
  }

  @Test
  @DisplayName("other client errors are uncategorized, with the AWS code in the message and the cause kept")
  void other() {
    KombuException e = SqsErrors.translate(service(400, "InvalidParameterValue"), "SendMessage", "jobs");
    assertThat(e).isInstanceOf(UncategorizedKombuException.class).hasMessageContaining("InvalidParameterValue")
        .hasCauseInstanceOf(SqsException.class);
  }
}
