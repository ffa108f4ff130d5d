package io.kombu.transport.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.KombuException;
import io.kombu.UncategorizedKombuException;
import io.kombu.spi.ErrorKind;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoErrors maps driver exceptions as Kombu's connection_errors and channel_errors do")
class MongoErrorsTest {
  @Test
  @DisplayName("network failures and server-selection timeouts are recoverable connection errors")
  void connectionErrors() {
    KombuException socket = MongoErrors.translate(
        new MongoSocketOpenException("Exception opening socket", new ServerAddress("db", 27017)), "get", null);
    KombuException timeout = MongoErrors.translate(new MongoTimeoutException("Timed out"), "put", null);

    assertThat(socket).isInstanceOf(ConnectionException.class).hasMessageContaining("MongoDB get failed");
    assertThat(timeout).isInstanceOf(ConnectionException.class);
    assertThat(ErrorKind.of(timeout)).isEqualTo(ErrorKind.RECOVERABLE_CONNECTION);
  }

  @Test
  @DisplayName("a failed command (pymongo's OperationFailure) is a channel error")
  void commandFailure() {
    BsonDocument response = new BsonDocument("ok", new BsonInt32(0))
        .append("errmsg", new BsonString("not authorized on kombu"))
        .append("code", new BsonInt32(13));
    KombuException e = MongoErrors.translate(
        new MongoCommandException(response, new ServerAddress()), "purge queue 'q'", null);

    assertThat(e).isInstanceOf(ChannelException.class).hasMessageContaining("not authorized")
        .hasMessageContaining("purge queue 'q'");
    assertThat(ErrorKind.of(e)).isEqualTo(ErrorKind.RECOVERABLE_CHANNEL);
  }

  @Test
  @DisplayName("a closed client is a connection error; other driver errors keep their cause, uncategorized")
  void otherErrors() {
    MongoException odd = new MongoException("odd");
    assertThat(MongoErrors.translate(new IllegalStateException("state should be: open"), "get", null))
        .isInstanceOf(ConnectionException.class);
    assertThat(MongoErrors.translate(odd, "get", null))
        .isInstanceOf(UncategorizedKombuException.class).hasCause(odd);
  }

  @Test
  @DisplayName("the password never reaches the message, and Kombu exceptions pass through unchanged")
  void passwordAndPassThrough() {
    KombuException e = MongoErrors.translate(new MongoException("auth with s3cret failed"), "connect", "s3cret");
    ChannelException kombu = new ChannelException("already translated");

    assertThat(e).hasMessageNotContaining("s3cret").hasMessageContaining("**");
    assertThat(MongoErrors.translate(kombu, "get", null)).isSameAs(kombu);
  }
}
